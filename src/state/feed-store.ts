/** What the feed poller remembers between polls and restarts (see ingest/feed-state.ts), one row per feed. */
import type { FeedRecord, FeedState } from '../ingest/feed-state.ts';
import type { OpenedDatabase } from './open-database.ts';

/** The file before the database (imported once). */
export const FEEDS_STATE_FILE = 'feeds.json';

export interface FeedStateStore {
  load(): Promise<FeedState>;
  /** Writes one feed's record. */
  saveFeed(feed: string, record: FeedRecord): Promise<void>;
}

export function createFeedStateStore({ db }: OpenedDatabase): FeedStateStore {
  return {
    async load() {
      const rows = await db.selectFrom('feed_state').selectAll().execute();
      return { version: 1, feeds: Object.fromEntries(rows.map((r) => [r.feed, JSON.parse(r.record) as FeedRecord])) };
    },
    async saveFeed(feed, record) {
      const value = JSON.stringify(record);
      await db
        .insertInto('feed_state')
        .values({ feed, record: value })
        .onConflict((oc) => oc.column('feed').doUpdateSet({ record: value }))
        .execute();
    },
  };
}
