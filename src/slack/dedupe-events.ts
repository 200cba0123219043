/**
 * Slack redelivers an event it thinks failed (X-Slack-Retry-Num) and Bolt does not dedupe, so
 * this middleware remembers recent event ids and drops a repeat: a retry never answers twice.
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../logger.ts';

export const DEFAULT_SEEN_EVENTS = 10_000;

export function createEventDeduper(logger: Logger, capacity = DEFAULT_SEEN_EVENTS): Middleware<AnyMiddlewareArgs> {
  const seen = new Set<string>();
  return async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string') {
      if (seen.has(eventId)) {
        logger.info({ eventId, retryNum: context.retryNum, retryReason: context.retryReason }, 'duplicate event ignored');
        return;
      }
      seen.add(eventId);
      // A Set iterates in insertion order: dropping the first entry forgets the oldest id.
      if (seen.size > capacity) seen.delete(seen.values().next().value as string);
    }
    await next();
  };
}
