/**
 * Texts of one story compared by their content words: stems folded onto one word per synonym group
 * (so "halt", "pause" and "stand-down" count as the same word), weighted by how rare they are among
 * the texts compared. Used to tell when two sentences or headlines tell the same event, and whether
 * one denies what the other reports. Pure.
 */
import type { Analyzer } from './analyzer.ts';
import { stanceOf } from './stance.ts';
import type { Stance } from './types.ts';

export interface StoryWords {
  /** The folded stems of a text, each once. */
  stemsOf(text: string): Set<string>;
  /** Folded stems of one word as written (for the negation check). */
  wordStems(word: string): readonly string[];
}

export function storyWords(analyzer: Analyzer): StoryWords {
  // Spellings of one name differ by a doubled letter or a final y ("Zelenskyy", "Zelensky"):
  // folded alike, after the synonym group's first word is taken.
  const spelling = (stem: string) => stem.replace(/(\p{L})\1+/gu, '$1').replace(/y$/, 'i');
  const fold = (stem: string) => spelling([stem, ...analyzer.synonymsOf(stem)].sort()[0] ?? stem);
  const memo = new Map<string, readonly string[]>();
  const wordStems = (word: string) => {
    let stems = memo.get(word);
    if (!stems) {
      stems = analyzer.wordStems(word).map(fold);
      memo.set(word, stems);
    }
    return stems;
  };
  // "stand down" written as two words is the synonym group's "stand-down": adjacent words are joined
  // when the joined word belongs to a group, so the data, not a list here, says which phrases count.
  const stemsOf = (text: string) => {
    const words = analyzer.words(text);
    const stems = new Set(words.map((w) => fold(analyzer.stem(w))));
    for (let i = 1; i < words.length; i++) {
      const joined = analyzer.stem(`${words[i - 1]}${words[i]}`);
      if (analyzer.synonymsOf(joined).length) stems.add(fold(joined));
    }
    return stems;
  };
  return { stemsOf, wordStems };
}

/** Inverse document frequency over a set of texts' stems, computed once. */
export function idfOver(sets: readonly ReadonlySet<string>[]): (stem: string) => number {
  const df = new Map<string, number>();
  for (const s of sets) for (const t of s) df.set(t, (df.get(t) ?? 0) + 1);
  const n = sets.length;
  return (t) => Math.log(1 + n / (df.get(t) ?? 1));
}

/** Cosine of the two texts' stem sets, each stem weighted by the square root of its IDF (0…1). */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>, idf: (stem: string) => number): number {
  let dot = 0,
    na = 0,
    nb = 0;
  // Each word weighs its IDF (not its square): in a one-story corpus the story's own words are in
  // most texts, and squaring would leave them almost nothing against incidental rare words.
  for (const t of a) {
    const w = idf(t);
    na += w;
    if (b.has(t)) dot += w;
  }
  for (const t of b) nb += idf(t);
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * The stances of two texts about what they share: a denial verb, or a negation of one of the shared
 * words ("operations have *not* been *stopped*" against "Hegseth *halted* operations").
 */
export function stancesAbout(
  words: StoryWords,
  a: { text: string; stems: ReadonlySet<string> },
  b: { text: string; stems: ReadonlySet<string> },
): [Stance, Stance] {
  const shared = new Set([...a.stems].filter((t) => b.stems.has(t)));
  return [stanceOf(a.text, words.wordStems, shared), stanceOf(b.text, words.wordStems, shared)];
}
