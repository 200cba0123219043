/** How much each word of a question counts: the subject (names, acronyms, numbers, rare words) over phrasing. */
import { commonWordWeight, englishCount, type CommonWordOptions } from './english.ts';
import type { SearchIndex, TermGroup } from './search-index.ts';
import { surfaceWords } from './text.ts';

/**
 * Lower-cased words the question writes as names: acronyms ("NSA"), capitalised words after the
 * first ("did *Waltz* know"), and words with digits. They are the subject, whatever their frequency.
 */
export function entityWords(question: string): Set<string> {
  const words = surfaceWords(question);
  const entities = new Set<string>();
  words.forEach((w, i) => {
    const acronym = /^\p{Lu}[\p{Lu}\p{N}]+s?$/u.test(w);
    const capitalised = i > 0 && /^\p{Lu}/u.test(w);
    if (acronym || capitalised || /\p{N}/u.test(w)) for (const part of w.toLowerCase().split(/[-']/)) entities.add(part);
  });
  return entities;
}

/**
 * Scales each group by how common its word is in everyday English ({@link commonWordWeight}); names
 * keep their weight. A name the corpus does not hold is never "corrected" into another word: it
 * stays unknown, which is what lets the engine say the corpus does not cover it.
 */
export function weighQuestionWords(
  groups: readonly TermGroup[],
  entities: ReadonlySet<string>,
  options: CommonWordOptions | false,
): TermGroup[] {
  return groups.map((g) => {
    if (entities.has(g.word)) {
      if (!g.correctedTo) return g;
      const { correctedTo: _dropped, ...uncorrected } = g;
      return { ...uncorrected, count: 0, docs: new Uint32Array(0), scores: new Float64Array(0) };
    }
    if (options === false) return g;
    const w = commonWordWeight(g.word, options);
    return w === 1 ? g : { ...g, idf: g.idf * w, weight: (g.weight ?? 1) * w };
  });
}

/**
 * Whether the passage holds the question's subject: its names and the words everyday English does
 * not use ("Kremlin", "cyber", "NSA"), all but one in three. A passage that matches only the rare
 * word of a question ("the Kremlin is waiting") does not answer "what did the Kremlin say about the pause".
 */
export function holdsSubject(groups: readonly TermGroup[], entities: ReadonlySet<string>, index: SearchIndex, id: string): boolean {
  const doc = index.docOf(id);
  const subject = groups.filter((g) => entities.has(g.word) || englishCount(g.word) === 0);
  if (doc === undefined || subject.length === 0) return true;
  const missing = subject.filter((g) => index.matchedStems(g, doc).length === 0).length;
  return missing <= Math.floor(subject.length / 3);
}
