/** Watched questions: which of them a newly added article now answers confidently. Pure. */
import type { Answer } from './types.ts';

export interface WatchedQuestion {
  id: number;
  channel: string;
  question: string;
}

export interface WatchHit {
  watch: WatchedQuestion;
  answer: Answer;
  articleId: string;
}

/**
 * A watch fires when the corpus answers its question confidently and the passage the answer
 * sentence comes from belongs to one of `articleIds` (the articles just added or updated). When
 * an older article still answers best, the new one adds nothing the channel has not seen.
 */
export function findWatchHits(
  answer: (question: string) => Answer,
  watches: readonly WatchedQuestion[],
  articleIds: ReadonlySet<string>,
): WatchHit[] {
  if (articleIds.size === 0) return [];
  const hits: WatchHit[] = [];
  for (const watch of watches) {
    const result = answer(watch.question);
    if (!result.confident || !result.sentence) continue;
    const source = result.results.find((r) => r.passage.id === result.sentence?.passageId);
    if (source && articleIds.has(source.article.id)) hits.push({ watch, answer: result, articleId: source.article.id });
  }
  return hits;
}
