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

/** A passage as the re-ranker reads it, in order: its content words, their stems, and all its words. */
export interface PassageTokens { content: readonly string[]; stems: readonly string[]; words: readonly string[] }

/** What the re-ranker needs of a question, prepared once per question. */
export interface QuestionShape {
  groups: readonly TermGroup[];
  totalIdf: number;
  /** Stem → index of the group it belongs to (the word, its correction or a synonym). */
  groupOf: Map<string, number>;
  /** Adjacent question word pairs ("bowl 50"), pairs of two stop words left out. */
  pairs: Set<string>;
  /** First words of those pairs, to skip most passage positions cheaply. */
  pairStarts: Set<string>;
}

/** Lower-cased words as written, stop words kept: what phrases and exact matches compare. */
export function plainWords(text: string): string[] {
  return normalizeText(text).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

export function shapeQuestion(question: string, groups: readonly TermGroup[], stopWords: ReadonlySet<string>): QuestionShape {
  const groupOf = new Map<string, number>();
  groups.forEach((g, i) => {
    for (const s of [g.correctedTo ?? g.stem, ...g.synonyms]) if (!groupOf.has(s)) groupOf.set(s, i);
  });
  const words = plainWords(question);
  const pairs = new Set<string>();
  const pairStarts = new Set<string>();
  for (let i = 0; i + 1 < words.length; i++) {
    const [a, b] = [words[i]!, words[i + 1]!];
    if (stopWords.has(a) && stopWords.has(b)) continue;
    pairs.add(`${a} ${b}`);
    pairStarts.add(a);
  }
  return { groups, totalIdf: groups.reduce((s, g) => s + g.idf, 0), groupOf, pairs, pairStarts };
}

/**
 * The re-ranking score of one passage: its summed BM25 × (IDF share matched)^coverageExponent ×
 * e^(windowWeight × best window share + phraseWeight × pair share + exactWeight × exact share)
 * × (content words + 1)^−lengthPenalty.
 */
export function rerankScore(bm25: number, coveredIdf: number, tokens: PassageTokens, q: QuestionShape, options: Required<ProximityOptions>): number {
  if (q.totalIdf <= 0) return bm25;
  const window = bestWindowIdf(tokens.stems, q, options.window) / q.totalIdf;
  let phrases = 0;
  const seenPairs = new Set<string>();
  const { words } = tokens;
  for (let i = 0; i + 1 < words.length; i++) {
    if (!q.pairStarts.has(words[i]!)) continue;
    const pair = `${words[i]} ${words[i + 1]}`;
    if (q.pairs.has(pair) && !seenPairs.has(pair)) { seenPairs.add(pair); phrases++; }
  }
  const exact = exactIdf(tokens, q, options.synonymCredit);
  const closeness = options.windowWeight * window
    + options.phraseWeight * (q.pairs.size ? phrases / q.pairs.size : 0)
    + options.exactWeight * (exact / q.totalIdf);
  return bm25
    * (coveredIdf / q.totalIdf) ** options.coverageExponent
    * Math.exp(closeness)
    * (tokens.stems.length + 1) ** -options.lengthPenalty;
}

/** IDF of the question's groups matched by the word as typed ("played", not only "plays") or by a synonym. */
function exactIdf(tokens: PassageTokens, q: QuestionShape, synonymCredit: number): number {
  const credit = new Float64Array(q.groups.length);
  const { stems, content } = tokens;
  for (let p = 0; p < stems.length; p++) {
    const g = q.groupOf.get(stems[p]!);
    if (g === undefined) continue;
    const group = q.groups[g]!;
    const c = content[p] === group.word ? 1 : stems[p] !== (group.correctedTo ?? group.stem) ? synonymCredit : 0;
    if (c > credit[g]!) credit[g] = c;
  }
  let sum = 0;
  for (let g = 0; g < credit.length; g++) sum += q.groups[g]!.idf * credit[g]!;
  return sum;
}

/** The largest IDF sum of distinct question groups within any `window` consecutive content words. */
function bestWindowIdf(stems: readonly string[], q: QuestionShape, window: number): number {
  const positions: number[] = [];
  const ids: number[] = [];
  for (let p = 0; p < stems.length; p++) {
    const g = q.groupOf.get(stems[p]!);
    if (g !== undefined) { positions.push(p); ids.push(g); }
  }
  const count = new Int32Array(q.groups.length);
  let sum = 0, best = 0;
  for (let lo = 0, hi = 0; hi < positions.length; hi++) {
    const g = ids[hi]!;
    if (count[g]!++ === 0) sum += q.groups[g]!.idf;
    while (positions[hi]! - positions[lo]! >= window) {
      const h = ids[lo]!;
      if (--count[h]! === 0) sum -= q.groups[h]!.idf;
      lo++;
    }
    if (sum > best) best = sum;
  }
  return best;
}
