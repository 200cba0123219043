/** Picks the one sentence that best answers a question from the top passages. */
import type { Analyzer } from './analyzer.ts';
import { kindEvidence, kindHasEvidence } from './question-kind.ts';
import { groupStems, type TermGroup } from './search-index.ts';
import { splitSentences, surfaceWords } from './text.ts';
import type { AnswerSentence, Passage, QuestionKind, RankedPassage } from './types.ts';

export interface AnswerSentenceOptions {
  /** How many top passages are searched for the answer sentence. Default 1: the sentence comes from the passage shown first. */
  passages?: number;
  /** Score added when a sentence offers what the question kind wants (a date for "when", …). Default 0.6. */
  kindBonus?: number;
  /** Score added for the top passage, shrinking down the ranking. Default 0.3. */
  rankPrior?: number;
}

export const DEFAULT_ANSWER_SENTENCE_OPTIONS: Required<AnswerSentenceOptions> = {
  passages: 1,
  kindBonus: 0.6,
  rankPrior: 0.3,
};

const MAX_CACHED_TEXTS = 20_000;
const distinctWordsCache = new Map<string, readonly string[]>();

/** Surface words of a text, once each, in order of appearance (kept for texts seen again). */
function distinctSurfaceWords(text: string): readonly string[] {
  let words = distinctWordsCache.get(text);
  if (words === undefined) {
    words = [...new Set(surfaceWords(text))];
    if (distinctWordsCache.size >= MAX_CACHED_TEXTS) distinctWordsCache.clear();
    distinctWordsCache.set(text, words);
  }
  return words;
}

/** Surface words of `text` whose stems are among `stems`, in order of appearance, once each. */
export function matchedSurfaceWords(analyzer: Analyzer, text: string, stems: ReadonlySet<string>): string[] {
  return distinctSurfaceWords(text).filter((word) => analyzer.wordStems(word).some((s) => stems.has(s)));
}

interface SentenceTerms {
  text: string;
  stems: ReadonlySet<string>;
  words: readonly string[];
}

// Passages are immutable objects owned by one engine: their sentences are split once.
const sentenceCache = new WeakMap<Analyzer, WeakMap<Passage, readonly SentenceTerms[]>>();

function sentencesOf(analyzer: Analyzer, passage: Passage): readonly SentenceTerms[] {
  let byPassage = sentenceCache.get(analyzer);
  if (!byPassage) {
    byPassage = new WeakMap();
    sentenceCache.set(analyzer, byPassage);
  }
  let sentences = byPassage.get(passage);
  if (!sentences) {
    sentences = splitSentences(passage.text).map((text) => ({ text, stems: new Set(analyzer.terms(text)), words: surfaceWords(text) }));
    byPassage.set(passage, sentences);
  }
  return sentences;
}

const PASSIVE = new Set(['been', 'was', 'were', 'is', 'are', 'be', 'being', 'get', 'got']);

/**
 * 1 when the sentence names who did what the question asks about: a name just before one of the
 * question's own words ("*Hegseth* has ordered"), or "by"/"from" and a name just after a word of the
 * question or its synonym ("a directive *from* Defense Secretary Pete Hegseth", "made *by* …").
 */
function agentEvidence(
  analyzer: Analyzer,
  words: readonly string[],
  groups: readonly TermGroup[],
  questionWords: ReadonlySet<string>,
): number {
  const own = new Set(groups.map((g) => g.correctedTo ?? g.stem));
  const any = new Set(groups.flatMap(groupStems));
  // A capitalised word ("Hegseth") or an acronym ("DHS"); not a lone initial ("U" of "U.S.").
  const isName = (w: string | undefined) =>
    w !== undefined &&
    /^(?:\p{Lu}\p{Ll}|\p{Lu}{2,})/u.test(w) &&
    !analyzer.stopWords.has(w.toLowerCase()) &&
    !questionWords.has(w.toLowerCase());
  for (let i = 0; i < words.length; i++) {
    const stems = analyzer.wordStems(words[i]!.toLowerCase());
    const isOwn = stems.some((t) => own.has(t));
    if (!isOwn && !stems.some((t) => any.has(t))) continue;
    // "Cyber Command has *been* ordered" names who was ordered, not who ordered.
    if (isOwn)
      for (let j = Math.max(0, i - 4); j < i; j++)
        if (isName(words[j]) && !words.slice(j + 1, i).some((w) => PASSIVE.has(w.toLowerCase()))) return 1;
    for (let j = i + 1; j <= Math.min(words.length - 2, i + 3); j++) if (/^(?:by|from)$/i.test(words[j]!) && isName(words[j + 1])) return 1;
  }
  return 0;
}

/** From 0 to 1: how clearly a sentence offers the kind of answer wanted, in words the question lacks. */
function sentenceEvidence(
  analyzer: Analyzer,
  kind: QuestionKind,
  groups: readonly TermGroup[],
  sentence: SentenceTerms,
  questionWords: ReadonlySet<string>,
  entities: ReadonlySet<string>,
): number {
  const newWords = sentence.words.filter((w) => !questionWords.has(w.toLowerCase()));
  if (newWords.length === 0) return 0;
  const base = kindEvidence(kind, newWords.join(' '));
  // A name anywhere is weak evidence for "who"; the agent of the question's own verb is strong.
  // The action words anchor the agent: "*Hegseth* ordered", not "the U.S. *Cyber Command*".
  return kind === 'who'
    ? Math.max(
        agentEvidence(
          analyzer,
          sentence.words,
          groups.filter((g) => !entities.has(g.word)),
          questionWords,
        ),
        0.4 * base,
      )
    : base;
}

/**
 * From 0 to 1: how clearly one of the passage's sentences that touches the question offers the kind
 * of answer wanted (a date for "when", a duration for "how long", …), in words the question lacks.
 */
export function passageKindEvidence(
  analyzer: Analyzer,
  kind: QuestionKind,
  groups: readonly TermGroup[],
  passage: Passage,
  questionWords: ReadonlySet<string>,
  entities: ReadonlySet<string> = new Set(),
): number {
  // Most kinds look for a pattern: a passage without it anywhere has no sentence with it either.
  if (!kindHasEvidence(kind) || (kind !== 'who' && kindEvidence(kind, passage.text) === 0)) return 0;
  let best = 0;
  for (const sentence of sentencesOf(analyzer, passage)) {
    if (!groups.some((g) => groupStems(g).some((t) => sentence.stems.has(t)))) continue;
    best = Math.max(best, sentenceEvidence(analyzer, kind, groups, sentence, questionWords, entities));
    if (best === 1) break;
  }
  return best;
}

export function pickAnswerSentence(
  analyzer: Analyzer,
  kind: QuestionKind,
  groups: readonly TermGroup[],
  ranked: readonly RankedPassage[],
  questionText: string,
  options: AnswerSentenceOptions = {},
  entities: ReadonlySet<string> = new Set(),
  synonymWeight = 0.6,
): AnswerSentence | null {
  const opts = { ...DEFAULT_ANSWER_SENTENCE_OPTIONS, ...options };
  const totalIdf = groups.reduce((sum, g) => sum + g.idf, 0) || 1;
  const questionWords: ReadonlySet<string> = new Set(surfaceWords(questionText).map((w) => w.toLowerCase()));
  const topScore = ranked[0]?.score || 1;
  let best: (AnswerSentence & { score: number }) | null = null;

  for (const [rank, hit] of ranked.slice(0, opts.passages).entries()) {
    for (const terms of sentencesOf(analyzer, hit.passage)) {
      const { text: sentence, stems, words } = terms;
      let covered = 0;
      const hitStems = new Set<string>();
      for (const g of groups) {
        const own = g.correctedTo ?? g.stem;
        const found = groupStems(g).filter((s) => stems.has(s));
        if (found.length) {
          covered += found.includes(own) ? g.idf : g.idf * synonymWeight;
          for (const s of found) hitStems.add(s);
        }
      }
      if (covered === 0) continue;
      // A sentence that only repeats the question's own words does not answer it.
      const evidence = sentenceEvidence(analyzer, kind, groups, terms, questionWords, entities);
      const wordCount = words.length;
      const score =
        covered / totalIdf +
        opts.kindBonus * evidence +
        (opts.rankPrior * (hit.score / topScore)) / (1 + rank) -
        (wordCount < 6 ? 0.15 : 0);
      if (!best || score > best.score) {
        best = { text: sentence, passageId: hit.passage.id, matchedWords: matchedSurfaceWords(analyzer, sentence, hitStems), score };
      }
    }
  }
  if (!best) return null;
  const { score: _score, ...sentence } = best;
  return sentence;
}
