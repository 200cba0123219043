/**
 * Slack redelivers an event it thinks failed (X-Slack-Retry-Num) and Bolt does not dedupe, so
 * this middleware marks each event id as seen in the state database before answering and drops a
 * repeat: a retry is never answered twice, whichever replica receives it, after a restart too.
 * While the database cannot be reached, recent ids are remembered in memory (answers go on).
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../logger.ts';
import type { SeenEvents } from '../state/seen-events.ts';

export const DEFAULT_SEEN_EVENTS = 10_000;

export function createEventDeduper(logger: Logger, events: SeenEvents, capacity = DEFAULT_SEEN_EVENTS): Middleware<AnyMiddlewareArgs> {
  const seen = new Set<string>();
  const remember = (eventId: string): boolean => {
    if (seen.has(eventId)) return false;
    seen.add(eventId);
    // A Set iterates in insertion order: dropping the first entry forgets the oldest id.
    if (seen.size > capacity) seen.delete(seen.values().next().value as string);
    return true;
  };
  return async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string') {
      const local = remember(eventId);
      let first = local;
      try {
        first = (await events.markSeen(eventId)) && local;
      } catch (err) {
        logger.warn({ err, eventId }, 'could not record the event id in the state database; deduplicating in memory only');
      }
      if (!first) {
        logger.info({ eventId, retryNum: context.retryNum, retryReason: context.retryReason }, 'duplicate event ignored');
        return;
      }
    }
    await next();
  };
}
