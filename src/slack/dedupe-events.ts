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
/** How long the database may take to record an event id before the answer goes ahead on memory alone. */
export const DEFAULT_MARK_SEEN_TIMEOUT_MS = 2000;

const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer from the state database within ${ms} ms`)), ms);
    work.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });

export function createEventDeduper(
  logger: Logger,
  events: SeenEvents,
  capacity = DEFAULT_SEEN_EVENTS,
  timeoutMs = DEFAULT_MARK_SEEN_TIMEOUT_MS,
): Middleware<AnyMiddlewareArgs> {
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
      let first = remember(eventId);
      if (first) {
        try {
          first = await withTimeout(events.markSeen(eventId), timeoutMs);
        } catch (err) {
          logger.warn({ err, eventId }, 'could not record the event id in the state database; deduplicating in memory only');
        }
      }
      if (!first) {
        logger.info({ eventId, retryNum: context.retryNum, retryReason: context.retryReason }, 'duplicate event ignored');
        return;
      }
    }
    await next();
  };
}
