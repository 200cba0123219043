/** Ranking: BM25 per question word, summed, then the top candidates re-scored by closeness. */
import type { Analyzer } from './analyzer.ts';
import { passageTokens, rerankScore, type PassageTokens, type ProximityOptions, type QuestionShape } from './proximity.ts';
import type { SearchIndex, TermGroup } from './search-index.ts';
import type { Passage } from './types.ts';

/** How the first-pass score rewards matching more question words. */
export type Coordination = 'groups' | 'idf' | 'none';

export interface Scored {
  id: string;
  score: number;
  bm25: number;
  coveredIdf: number;
  groupsMatched: number;
}

/** The stems of the question (words, corrections, synonyms) that a passage matched. */
export function matchedStems(groups: readonly TermGroup[], index: Pick<SearchIndex, 'docOf' | 'matchedStems'>, id: string): Set<string> {
  const stems = new Set<string>();
  const doc = index.docOf(id);
  if (doc === undefined) return stems;
  for (const g of groups) for (const t of index.matchedStems(g, doc)) stems.add(t);
  return stems;
}

/** Per-passage sums for one question, reused across questions (they run one at a time). */
export interface RankScratch {
  bm25: Float64Array;
  covered: Float64Array;
  groups: Uint16Array;
  touched: Uint32Array;
}

export function createRankScratch(size: number): RankScratch {
  return { bm25: new Float64Array(size), covered: new Float64Array(size), groups: new Uint16Array(size), touched: new Uint32Array(size) };
}

export interface RankOptions {
  index: Pick<SearchIndex, 'idOf'>;
  scratch: RankScratch;
  depth: number;
  coordination: Coordination;
  proximity: Required<ProximityOptions>;
  tokensOf: (id: string) => PassageTokens;
}

/**
 * First pass: sums each group's BM25 score per passage and rewards matching more of the question
 * (by default × groups matched: MiniSearch's own habit, applied per question word rather than per
 * synonym). Second pass: the top `depth` passages are re-scored by how closely they hold the
 * question ({@link rerankScore}) and stay above the rest. Only the best `keep` (at least `depth`)
 * come back, in order; `total` counts every passage that matched.
 */
export function rank(shape: QuestionShape, options: RankOptions & { keep?: number }): { top: Scored[]; total: number } {
  const { groups, totalIdf } = shape;
  const { bm25, covered, groups: matched, touched } = options.scratch;
  let total = 0;
  for (const g of groups) {
    const weight = g.weight ?? 1;
    for (let i = 0; i < g.docs.length; i++) {
      const doc = g.docs[i]!;
      if (matched[doc] === 0) {
        touched[total++] = doc;
        bm25[doc] = 0;
        covered[doc] = 0;
      }
      bm25[doc]! += g.scores[i]! * weight;
      covered[doc]! += g.idf;
      matched[doc]! += 1;
    }
  }
  const coordinate = (doc: number) =>
    options.coordination === 'groups' ? matched[doc]! : options.coordination === 'idf' ? covered[doc]! / (totalIdf || 1) : 1;
  const keep = Math.max(options.depth, options.keep ?? 0);
  const entries = function* (): Generator<Scored> {
    for (let i = 0; i < total; i++) {
      const doc = touched[i]!;
      yield {
        id: options.index.idOf(doc),
        score: bm25[doc]! * coordinate(doc),
        bm25: bm25[doc]!,
        coveredIdf: covered[doc]!,
        groupsMatched: matched[doc]!,
      };
    }
  };
  const best = topByScore(entries(), keep);
  for (let i = 0; i < total; i++) matched[touched[i]!] = 0;
  const depth = Math.max(0, options.depth);
  const head = best.slice(0, depth);
  for (const e of head) e.score = rerankScore(e.bm25, e.coveredIdf, options.tokensOf(e.id), shape, options.proximity);
  return { top: [...head.sort(byScore), ...best.slice(depth)], total };
}

const byScore = (a: Scored, b: Scored) => b.score - a.score || (a.id < b.id ? -1 : 1);

/**
 * The `k` best entries in {@link byScore} order, without sorting them all: a bounded min-heap, so a
 * question matching 50,000 passages costs n·log k comparisons, not n·log n.
 */
export function topByScore(entries: Iterable<Scored>, k: number): Scored[] {
  const heap: Scored[] = [];
  // heap[0] is the worst of the best so far: byScore(heap[0], x) < 0 means heap[0] ranks above x.
  const worse = (a: Scored, b: Scored) => byScore(a, b) > 0;
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  if (k <= 0) return [];
  for (const e of entries) {
    if (heap.length < k) {
      heap.push(e);
      for (let i = heap.length - 1; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!worse(heap[i]!, heap[p]!)) break;
        [heap[i], heap[p]] = [heap[p]!, heap[i]!];
        i = p;
      }
    } else if (worse(heap[0]!, e)) {
      heap[0] = e;
      siftDown(0);
    }
  }
  return heap.sort(byScore);
}

const MAX_CACHED_PASSAGES = 50_000;

/** A passage's words and stems in order, computed when first re-ranked and kept (bounded) for later questions. */
export function passageTokensCache(analyzer: Analyzer, byPassage: ReadonlyMap<string, Passage>): (id: string) => PassageTokens {
  const cache = new Map<string, PassageTokens>();
  return (id) => {
    let tokens = cache.get(id);
    if (tokens === undefined) {
      const text = byPassage.get(id)?.text ?? '';
      const content = analyzer.words(text);
      tokens = passageTokens(content, content.map(analyzer.stem), text);
      if (cache.size >= MAX_CACHED_PASSAGES) cache.clear();
      cache.set(id, tokens);
    }
    return tokens;
  };
}

/** Scales the groups of answer-type words ("many", "year") down: they say what is wanted, not what it is about. */
export function weighAnswerTypeWords(groups: TermGroup[], typeWords: ReadonlySet<string>, weight: number): TermGroup[] {
  if (typeWords.size === 0 || weight === 1) return groups;
  return groups.map((g) => (typeWords.has(g.word) ? { ...g, idf: g.idf * weight, weight: (g.weight ?? 1) * weight } : g));
}
