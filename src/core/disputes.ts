/**
 * When the best passages disagree: the top passage reports the event and another outlet denies it,
 * or the top passage is the denial and others carry the report. Both sides are shown, labelled, so a
 * reader never takes one outlet's claim for the settled fact.
 */
import type { Analyzer } from './analyzer.ts';
import { stanceOf } from './stance.ts';
import type { Passage, Stance } from './types.ts';

export interface DisputeOptions {
  /** At most this many contradicting passages are returned. Default 2. */
  maxDisputed?: number;
  /** Share of the question's weight (IDF) a contradicting passage must match to be on the same point. Default 0.5. */
  minCoverage?: number;
}

export const DEFAULT_DISPUTE_OPTIONS: Required<DisputeOptions> = { maxDisputed: 2, minCoverage: 0.5 };

export interface DisputeCandidate {
  id: string;
  score: number;
  coveredIdf: number;
}

export interface DisputeContext {
  analyzer: Analyzer;
  /** Stems of the question's event words (what a denial negates). */
  events: ReadonlySet<string>;
  totalIdf: number;
  passage(id: string): Passage | undefined;
}

/** The stance of the top candidate and the ids of the candidates (best first) that take the other side. */
export function findDisputes(
  ranked: readonly DisputeCandidate[],
  ctx: DisputeContext,
  options: DisputeOptions = {},
): { stance: Stance; disputed: { id: string; stance: Stance }[] } | undefined {
  const { maxDisputed, minCoverage } = { ...DEFAULT_DISPUTE_OPTIONS, ...options };
  const top = ranked[0] && ctx.passage(ranked[0].id);
  if (!top) return undefined;
  const stance = stanceOf(top.text, ctx.analyzer.wordStems, ctx.events);
  const sameStory = new Set([top.articleId, ...top.alsoIn]);
  const disputed: { id: string; stance: Stance }[] = [];
  for (const c of ranked.slice(1)) {
    if (disputed.length >= maxDisputed) break;
    const p = ctx.passage(c.id);
    if (!p || sameStory.has(p.articleId) || c.coveredIdf < minCoverage * ctx.totalIdf) continue;
    const other = stanceOf(p.text, ctx.analyzer.wordStems, ctx.events);
    if (other !== stance) {
      disputed.push({ id: c.id, stance: other });
      sameStory.add(p.articleId);
    }
  }
  return { stance, disputed };
}
