/**
 * Re-ranking of the top candidates by how a passage holds the question: a passage that answers
 * usually restates the question in one place, in its words and phrases ("Super Bowl 50 was played
 * at Levi's Stadium"), while one that merely mentions the same stems scatters them.
 */
import type { TermGroup } from './search-index.ts';
import { normalizeText } from './text.ts';

export interface ProximityOptions {
  /** Width, in content words, of the window where the question's words should meet. Default 10. */
  window?: number;
  /** Weight of the best window's share of the question's weight (IDF). Default 2. */
  windowWeight?: number;
  /** Weight of the share of the question's word pairs (stop words kept) found as written. Default 2. */
  phraseWeight?: number;
  /** Weight of the question's weight (IDF) matched by words exactly as typed, not only by stem. Default 2. */
  exactWeight?: number;
  /** How much a synonym's match counts towards `exactWeight`, relative to the word as typed (synonyms are chosen by hand). Default 1. */
  synonymCredit?: number;
  /** Exponent of the share of the question's weight (IDF) matched anywhere in the passage. Default 1. */
  coverageExponent?: number;
  /** Longer passages are scaled by (content words + 1) to the power of minus this. Default 0.3. */
  lengthPenalty?: number;
}

export const DEFAULT_PROXIMITY_OPTIONS: Required<ProximityOptions> = {
  window: 10,
  windowWeight: 2,
  phraseWeight: 2,
  exactWeight: 2,
  synonymCredit: 1,
  coverageExponent: 1,
  lengthPenalty: 0.3,
};

/** A passage as the re-ranker reads it: where each stem and each word (stop words kept) occurs. */
export interface PassageTokens {
  /** Content words as the analyzer keeps them, in order. */
  content: readonly string[];
  /** Stem → positions in `content`, ascending. */
  stemPositions: ReadonlyMap<string, readonly number[]>;
  /** All words lower-cased, in order. */
  words: readonly string[];
  /** Word → positions in `words`, ascending. */
  wordPositions: ReadonlyMap<string, readonly number[]>;
}

function positionsOf(items: readonly string[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  items.forEach((item, i) => {
    const list = map.get(item);
    if (list) list.push(i);
    else map.set(item, [i]);
  });
  return map;
}

/** Tokens of a passage for {@link rerankScore}, from its content words, their stems and its text. */
export function passageTokens(content: readonly string[], stems: readonly string[], text: string): PassageTokens {
  const words = plainWords(text);
  return { content, stemPositions: positionsOf(stems), words, wordPositions: positionsOf(words) };
}

/** What the re-ranker needs of a question, prepared once per question. */
export interface QuestionShape {
  groups: readonly TermGroup[];
  totalIdf: number;
  /** Stem → index of the group it belongs to (the word, its correction or a synonym). */
  groupOf: Map<string, number>;
  /** Adjacent question word pairs ("bowl 50"), distinct, pairs of two stop words left out. */
  pairs: readonly (readonly [string, string])[];
}

/** Lower-cased words as written, stop words kept: what phrases and exact matches compare. */
export function plainWords(text: string): string[] {
  return (
    normalizeText(text)
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

export function shapeQuestion(question: string, groups: readonly TermGroup[], stopWords: ReadonlySet<string>): QuestionShape {
  const groupOf = new Map<string, number>();
  groups.forEach((g, i) => {
    for (const s of [g.correctedTo ?? g.stem, ...g.synonyms]) if (!groupOf.has(s)) groupOf.set(s, i);
  });
  const words = plainWords(question);
  const pairs = new Map<string, [string, string]>();
  for (let i = 0; i + 1 < words.length; i++) {
    const [a, b] = [words[i]!, words[i + 1]!];
    if (!(stopWords.has(a) && stopWords.has(b))) pairs.set(`${a} ${b}`, [a, b]);
  }
  return { groups, totalIdf: groups.reduce((s, g) => s + g.idf, 0), groupOf, pairs: [...pairs.values()] };
}

/**
 * The re-ranking score of one passage: its summed BM25 × (IDF share matched)^coverageExponent ×
 * e^(windowWeight × best window share + phraseWeight × pair share + exactWeight × exact share)
 * × (content words + 1)^−lengthPenalty.
 */
export function rerankScore(
  bm25: number,
  coveredIdf: number,
  tokens: PassageTokens,
  q: QuestionShape,
  options: Required<ProximityOptions>,
): number {
  if (q.totalIdf <= 0) return bm25;
  const window = bestWindowIdf(tokens, q, options.window) / q.totalIdf;
  let phrases = 0;
  for (const [a, b] of q.pairs) {
    if (tokens.wordPositions.get(a)?.some((p) => tokens.words[p + 1] === b)) phrases++;
  }
  const exact = exactIdf(tokens, q, options.synonymCredit);
  const closeness =
    options.windowWeight * window +
    options.phraseWeight * (q.pairs.length ? phrases / q.pairs.length : 0) +
    options.exactWeight * (exact / q.totalIdf);
  return (
    bm25 *
    (coveredIdf / q.totalIdf) ** options.coverageExponent *
    Math.exp(closeness) *
    (tokens.content.length + 1) ** -options.lengthPenalty
  );
}

/** IDF of the question's groups matched by the word as typed ("played", not only "plays") or by a synonym. */
function exactIdf(tokens: PassageTokens, q: QuestionShape, synonymCredit: number): number {
  const credit = new Float64Array(q.groups.length);
  for (const [stem, g] of q.groupOf) {
    const positions = tokens.stemPositions.get(stem);
    if (!positions) continue;
    const group = q.groups[g]!;
    const c = stem !== (group.correctedTo ?? group.stem) ? synonymCredit : positions.some((p) => tokens.content[p] === group.word) ? 1 : 0;
    if (c > credit[g]!) credit[g] = c;
  }
  let sum = 0;
  for (let g = 0; g < credit.length; g++) sum += q.groups[g]!.idf * credit[g]!;
  return sum;
}

/** The largest IDF sum of distinct question groups within any `window` consecutive content words. */
function bestWindowIdf(tokens: PassageTokens, q: QuestionShape, window: number): number {
  const hits: [number, number][] = [];
  for (const [stem, g] of q.groupOf) for (const p of tokens.stemPositions.get(stem) ?? []) hits.push([p, g]);
  hits.sort((x, y) => x[0] - y[0]);
  const count = new Int32Array(q.groups.length);
  let sum = 0,
    best = 0;
  for (let lo = 0, hi = 0; hi < hits.length; hi++) {
    const g = hits[hi]![1];
    if (count[g]!++ === 0) sum += q.groups[g]!.idf;
    while (hits[hi]![0] - hits[lo]![0] >= window) {
      const h = hits[lo]![1];
      if (--count[h]! === 0) sum -= q.groups[h]!.idf;
      lo++;
    }
    if (sum > best) best = sum;
  }
  return best;
}
