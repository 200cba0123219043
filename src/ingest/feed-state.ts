/**
 * What the poller remembers between polls and restarts (kept by state/feed-store.ts): per feed,
 * the items already handled (by guid and by link), validators for conditional GET, and items whose
 * page failed to fetch so far.
 */
import { z } from 'zod';

const feedRecordSchema = z.object({
  /** When the feed was first polled (ISO). */
  firstPolledAt: z.string(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  /** Item key (`guid:…` / `link:…`) → when the feed last listed it (ISO). */
  seen: z.record(z.string(), z.string()),
  /** Item key → failed attempts to fetch its page so far. */
  failures: z.record(z.string(), z.number().int().nonnegative()).default({}),
});

export const feedStateSchema = z.object({
  version: z.literal(1),
  feeds: z.record(z.string(), feedRecordSchema),
});

export type FeedRecord = z.infer<typeof feedRecordSchema>;
export type FeedState = z.infer<typeof feedStateSchema>;

/** The keys an item is remembered by: its guid and its link, so either one staying the same is enough. */
export function itemKeys(item: { guid?: string; link?: string }): string[] {
  return [...(item.guid ? [`guid:${item.guid}`] : []), ...(item.link ? [`link:${item.link}`] : [])];
}

/**
 * Drops remembered items the feed has not listed for `retentionMs`, so the file stays small.
 * Should such an item come back, the corpus check still reports it as a duplicate.
 */
export function pruneFeedRecord(record: FeedRecord, now: Date, retentionMs: number): FeedRecord {
  const cutoff = now.getTime() - retentionMs;
  const seen = Object.fromEntries(Object.entries(record.seen).filter(([, at]) => Date.parse(at) >= cutoff));
  return { ...record, seen };
}
