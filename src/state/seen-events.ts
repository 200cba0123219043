/**
 * Event ids already taken by some replica, so Slack's retry of an event (same event_id) is answered
 * once whichever replica receives it, and after a restart too. Marking is one INSERT that only one
 * caller can win. Ids older than the retention are pruned (Slack retries within minutes).
 */
import type { OpenedDatabase } from './open-database.ts';

/** How long an event id is remembered. Default one day. */
export const DEFAULT_SEEN_EVENT_RETENTION_MS = 24 * 3600_000;

export interface SeenEvents {
  /** True when this call is the first to see `eventId` (the caller answers it). */
  markSeen(eventId: string): Promise<boolean>;
  /** Forgets ids seen before the retention; returns how many. */
  prune(): Promise<number>;
}

export function createSeenEvents(
  { db }: OpenedDatabase,
  now: () => Date = () => new Date(),
  retentionMs = DEFAULT_SEEN_EVENT_RETENTION_MS,
): SeenEvents {
  return {
    async markSeen(eventId) {
      const row = await db
        .insertInto('seen_events')
        .values({ event_id: eventId, seen_at: now().toISOString() })
        .onConflict((oc) => oc.column('event_id').doNothing())
        .returning('event_id')
        .executeTakeFirst();
      return row !== undefined;
    },
    async prune() {
      const cutoff = new Date(now().getTime() - retentionMs).toISOString();
      const res = await db.deleteFrom('seen_events').where('seen_at', '<', cutoff).executeTakeFirst();
      return Number(res.numDeletedRows);
    },
  };
}
