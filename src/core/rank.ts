/** Ranking: BM25 per question word, summed, then the top candidates re-scored by closeness. */
import type { Analyzer } from './analyzer.ts';
import { groupStems } from './answer-sentence.ts';
import { passageTokens, rerankScore, type PassageTokens, type ProximityOptions, type QuestionShape } from './proximity.ts';
import type { TermGroup } from './search-index.ts';
import type { Passage } from './types.ts';

/** How the first-pass score rewards matching more question words. */
export type Coordination = 'groups' | 'idf' | 'none';

export interface Scored { id: string; score: number; bm25: number; coveredIdf: number; groupsMatched: number }

/** The stems of the question (words, corrections, synonyms) that a passage matched. */
export function matchedStems(groups: readonly TermGroup[], id: string): Set<string> {
  const stems = new Set<string>();
  for (const g of groups) if (g.scores.has(id)) for (const t of g.matched.get(id) ?? groupStems(g)) stems.add(t);
  return stems;
}

export interface RankOptions {
  depth: number;
  coordination: Coordination;
  proximity: Required<ProximityOptions>;
  tokensOf: (id: string) => PassageTokens;
}

/**
 * First pass: sums each group's BM25 score per passage and rewards matching more of the question
 * (by default × groups matched: MiniSearch's own habit, applied per question word rather than per
 * synonym). Second pass: the top `depth` passages are re-scored by how closely they hold the
 * question ({@link rerankScore}) and stay above the rest.
 */
export function rank(shape: QuestionShape, options: RankOptions): Scored[] {
  const { groups, totalIdf } = shape;
  const acc = new Map<string, Scored>();
  for (const g of groups) {
    for (const [id, s] of g.scores) {
      let entry = acc.get(id);
      if (!entry) { entry = { id, score: 0, bm25: 0, coveredIdf: 0, groupsMatched: 0 }; acc.set(id, entry); }
      entry.bm25 += s * (g.weight ?? 1);
      entry.coveredIdf += g.idf;
      entry.groupsMatched += 1;
    }
  }
  const coordinate = (e: { coveredIdf: number; groupsMatched: number }) =>
    options.coordination === 'groups' ? e.groupsMatched : options.coordination === 'idf' ? e.coveredIdf / (totalIdf || 1) : 1;
  const byScore = (a: Scored, b: Scored) => b.score - a.score || (a.id < b.id ? -1 : 1);
  const scored = [...acc.values()];
  for (const e of scored) e.score = e.bm25 * coordinate(e);
  scored.sort(byScore);
  if (options.depth <= 0) return scored;
  const head = scored.slice(0, options.depth);
  for (const e of head) e.score = rerankScore(e.bm25, e.coveredIdf, options.tokensOf(e.id), shape, options.proximity);
  return [...head.sort(byScore), ...scored.slice(options.depth)];
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
  return groups.map((g) => typeWords.has(g.word)
    ? { ...g, idf: g.idf * weight, weight: (g.weight ?? 1) * weight }
    : g);
}
