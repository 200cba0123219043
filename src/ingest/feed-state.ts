/**
 * What the poller remembers between polls and restarts, in `STATE_DIR/feeds.json`: per feed, the
 * items already handled (by guid and by link), validators for conditional GET, and items whose
 * page failed to fetch so far.
 */
import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../logger.ts';
import { readJsonState, writeJsonState } from '../state/json-file.ts';

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

const feedStateSchema = z.object({
  version: z.literal(1),
  feeds: z.record(z.string(), feedRecordSchema),
});

export type FeedRecord = z.infer<typeof feedRecordSchema>;
export type FeedState = z.infer<typeof feedStateSchema>;

/** The state file inside STATE_DIR. */
export function feedStateFile(stateDir: string): string {
  return path.join(stateDir, 'feeds.json');
}

/** Reads the state; a corrupt file is set aside with a log line and polling starts afresh. */
export async function loadFeedState(stateDir: string, logger: Logger, now: () => Date): Promise<FeedState> {
  const file = feedStateFile(stateDir);
  const read = await readJsonState(file, feedStateSchema, now);
  if (read.status === 'ok') return read.value;
  if (read.status === 'corrupt') {
    // Starting afresh is safe: first polls only take recent items, and the corpus check catches repeats.
    logger.error({ file, reason: read.reason, setAsideAs: read.setAsideAs }, 'feed state file is corrupt; set aside, starting afresh');
  }
  return { version: 1, feeds: {} };
}

export async function saveFeedState(stateDir: string, state: FeedState): Promise<void> {
  await writeJsonState(feedStateFile(stateDir), state);
}

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
