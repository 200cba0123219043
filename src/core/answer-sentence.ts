/** Picks the one sentence that best answers a question from the top passages. */
import type { Analyzer } from './analyzer.ts';
import { kindEvidence } from './question-kind.ts';
import { groupStems, type TermGroup } from './search-index.ts';
import { splitSentences, surfaceWords } from './text.ts';
import type { AnswerSentence, Passage, QuestionKind, RankedPassage } from './types.ts';

export interface AnswerSentenceOptions {
  /** How many top passages are searched for the answer sentence. Default 3. */
  passages?: number;
  /** Score added when a sentence offers what the question kind wants (a date for "when", …). Default 0.6. */
  kindBonus?: number;
  /** Score added for the top passage, shrinking down the ranking. Default 0.3. */
  rankPrior?: number;
}

export const DEFAULT_ANSWER_SENTENCE_OPTIONS: Required<AnswerSentenceOptions> = {
  passages: 3,
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

interface SentenceTerms { text: string; stems: ReadonlySet<string>; words: readonly string[] }

// Passages are immutable objects owned by one engine: their sentences are split once.
const sentenceCache = new WeakMap<Analyzer, WeakMap<Passage, readonly SentenceTerms[]>>();

function sentencesOf(analyzer: Analyzer, passage: Passage): readonly SentenceTerms[] {
  let byPassage = sentenceCache.get(analyzer);
  if (!byPassage) { byPassage = new WeakMap(); sentenceCache.set(analyzer, byPassage); }
  let sentences = byPassage.get(passage);
  if (!sentences) {
    sentences = splitSentences(passage.text).map((text) => ({ text, stems: new Set(analyzer.terms(text)), words: surfaceWords(text) }));
    byPassage.set(passage, sentences);
  }
  return sentences;
}

export function pickAnswerSentence(
  analyzer: Analyzer,
  kind: QuestionKind,
  groups: readonly TermGroup[],
  ranked: readonly RankedPassage[],
  questionText: string,
  options: AnswerSentenceOptions = {},
  synonymWeight = 0.6,
): AnswerSentence | null {
  const opts = { ...DEFAULT_ANSWER_SENTENCE_OPTIONS, ...options };
  const totalIdf = groups.reduce((sum, g) => sum + g.idf, 0) || 1;
  const questionWords = new Set(surfaceWords(questionText).map((w) => w.toLowerCase()));
  const topScore = ranked[0]?.score || 1;
  let best: (AnswerSentence & { score: number }) | null = null;

  for (const [rank, hit] of ranked.slice(0, opts.passages).entries()) {
    for (const { text: sentence, stems, words } of sentencesOf(analyzer, hit.passage)) {
      let covered = 0;
      const hitStems = new Set<string>();
      for (const g of groups) {
        const own = g.correctedTo ?? g.stem;
        const found = groupStems(g).filter((s) => stems.has(s));
        if (found.length) { covered += found.includes(own) ? g.idf : g.idf * synonymWeight; found.forEach((s) => hitStems.add(s)); }
      }
      if (covered === 0) continue;
      // A sentence that only repeats the question's own words does not answer it.
      const newWords = words.filter((w) => !questionWords.has(w.toLowerCase()));
      const evidence = newWords.length > 0 ? kindEvidence(kind, newWords.join(' ')) : 0;
      const wordCount = words.length;
      const score = covered / totalIdf
        + opts.kindBonus * evidence
        + opts.rankPrior * (hit.score / topScore) / (1 + rank)
        - (wordCount < 6 ? 0.15 : 0);
      if (!best || score > best.score) {
        best = { text: sentence, passageId: hit.passage.id, matchedWords: matchedSurfaceWords(analyzer, sentence, hitStems), score };
      }
    }
  }
  if (!best) return null;
  const { score: _score, ...sentence } = best;
  return sentence;
}
