/**
 * One poll of one feed: conditional GET, parse, and each item not yet handled ingested. Items are
 * known by guid or link, so a feed that reorders or re-dates its items adds nothing twice.
 */
import { itemKeys, pruneFeedRecord, type FeedRecord } from './feed-state.ts';
import type { FeedSource } from './feeds-file.ts';
import { FetchError, fetchPage } from './fetch-page.ts';
import { ingestFeedItem, isHtml, type ItemContext, type ItemOutcome } from './ingest-feed-item.ts';
import { FeedParseError, parseFeed, type FeedItem } from './parse-feed.ts';

export interface FeedPollContext extends ItemContext {
  now: () => Date;
  /** On a feed's first poll, only items published this recently are ingested. */
  backfillWindowMs: number;
  /** Failed fetches of an item's page before it is given up. */
  maxItemAttempts: number;
  /** How long an item the feed no longer lists is remembered. */
  seenRetentionMs: number;
  signal: AbortSignal;
}

export interface FeedCounts {
  written: string[];
  duplicates: number;
  filtered: number;
  skippedOld: number;
  rejected: number;
  failed: number;
}

export type FeedPollStatus = 'ok' | 'not-modified' | 'failed';

export function emptyCounts(): FeedCounts {
  return { written: [], duplicates: 0, filtered: 0, skippedOld: 0, rejected: 0, failed: 0 };
}

/** Polls `source`; returns the feed's new record (to save) and what happened. */
export async function pollFeed(
  source: FeedSource,
  previous: FeedRecord | undefined,
  ctx: FeedPollContext,
  counts: FeedCounts,
): Promise<{ record: FeedRecord | undefined; status: FeedPollStatus }> {
  const log = ctx.logger.child({ feed: source.url });
  let fetched: Awaited<ReturnType<typeof fetchPage>>;
  try {
    fetched = await fetchPage(source.url, {
      ...ctx.fetchOptions,
      ...(previous?.etag ? { etag: previous.etag } : {}),
      ...(previous?.lastModified ? { lastModified: previous.lastModified } : {}),
    });
  } catch (err) {
    if (!(err instanceof FetchError)) throw err;
    if (err.reason === 'aborted') log.info('feed not fetched: the poller is stopping');
    else log.warn({ reason: err.reason, status: err.status }, `feed not fetched: ${err.message}`);
    return { record: previous, status: 'failed' };
  }
  if (fetched.status === 'not-modified') {
    log.debug('feed not modified since the last poll');
    return { record: previous, status: 'not-modified' };
  }
  let items: FeedItem[];
  try {
    items = parseFeed(fetched.body, fetched.url).items;
  } catch (err) {
    if (!(err instanceof FeedParseError)) throw err;
    // Some servers label feeds text/html, so the content type is only a hint once parsing failed.
    if (isHtml(fetched.contentType, fetched.body))
      log.warn(
        { reason: 'not-a-feed', contentType: fetched.contentType },
        `feed not read: ${fetched.url} is an HTML page, not an RSS or Atom feed`,
      );
    else log.warn({ reason: 'invalid-feed', contentType: fetched.contentType }, `feed not read: ${err.message}`);
    return { record: previous, status: 'failed' };
  }
  const now = ctx.now();
  const record: FeedRecord = previous
    ? { ...previous, seen: { ...previous.seen }, failures: { ...previous.failures } }
    : { firstPolledAt: now.toISOString(), seen: {}, failures: {} };
  const complete = await handleItems(items, source, !previous, record, ctx, counts);
  const pruned = pruneFeedRecord(record, now, ctx.seenRetentionMs);
  // New validators only once every item is handled: otherwise a 304 next time would hide the items still to retry.
  if (complete) {
    delete pruned.etag;
    delete pruned.lastModified;
    if (fetched.etag) pruned.etag = fetched.etag;
    if (fetched.lastModified) pruned.lastModified = fetched.lastModified;
  }
  return { record: pruned, status: 'ok' };
}

/** Handles each item in turn; false when some item is left to retry on a later poll. */
async function handleItems(
  items: FeedItem[],
  source: FeedSource,
  firstPoll: boolean,
  record: FeedRecord,
  ctx: FeedPollContext,
  counts: FeedCounts,
): Promise<boolean> {
  const now = ctx.now();
  const nowIso = now.toISOString();
  const oldestWanted = now.getTime() - ctx.backfillWindowMs;
  let complete = true;
  for (const item of items) {
    const keys = itemKeys(item);
    const markSeen = () => {
      for (const key of keys) {
        record.seen[key] = nowIso;
        delete record.failures[key];
      }
    };
    if (keys.length === 0) {
      ctx.logger.warn({ feed: source.url, title: item.title }, 'feed item has neither guid nor link; skipped');
      continue;
    }
    if (keys.some((key) => key in record.seen)) {
      markSeen();
      continue;
    }
    if (firstPoll && !(item.published && Date.parse(item.published) >= oldestWanted)) {
      markSeen();
      counts.skippedOld++;
      continue;
    }
    if (!item.link) {
      ctx.logger.warn({ feed: source.url, guid: item.guid }, 'feed item has no link to fetch; skipped');
      markSeen();
      continue;
    }
    // Stopping: leave the rest unfetched, but keep judging old items so a cut-short first poll backfills nothing.
    if (ctx.signal.aborted) {
      complete = false;
      continue;
    }
    const outcome = await ingestFeedItem({ ...item, link: item.link }, source, ctx).catch((err: unknown): ItemOutcome => {
      // An unexpected error (a full disk, a library bug) costs this item an attempt, not the whole poll.
      ctx.logger.error({ err, feed: source.url, item: item.link }, 'feed item failed unexpectedly');
      return { status: 'failed', reason: 'error' };
    });
    if (outcome.status === 'failed' && outcome.reason !== 'aborted') counts.failed++;
    if (outcome.status === 'failed' && !giveUp(outcome, keys, record, ctx, source, item.link)) {
      complete = false;
      continue;
    }
    markSeen();
    tally(outcome, counts);
  }
  return complete;
}

/** Counts a failed attempt; true when the item has failed often enough to be given up. */
function giveUp(
  outcome: ItemOutcome & { status: 'failed' },
  keys: string[],
  record: FeedRecord,
  ctx: FeedPollContext,
  source: FeedSource,
  link: string,
): boolean {
  if (outcome.reason === 'aborted') return false;
  const attempts = Math.max(...keys.map((k) => record.failures[k] ?? 0)) + 1;
  if (attempts < ctx.maxItemAttempts) {
    for (const key of keys) record.failures[key] = attempts;
    ctx.logger.info(
      { feed: source.url, item: link, attempts, maxAttempts: ctx.maxItemAttempts },
      'feed item will be retried on the next poll',
    );
    return false;
  }
  ctx.logger.warn({ feed: source.url, item: link, attempts }, `giving up on feed item after ${attempts} failed attempts`);
  return true;
}

function tally(outcome: ItemOutcome, counts: FeedCounts): void {
  if (outcome.status === 'written') counts.written.push(outcome.file);
  else if (outcome.status === 'duplicate' || outcome.status === 'unchanged') counts.duplicates++;
  else if (outcome.status === 'filtered') counts.filtered++;
  else if (outcome.status === 'rejected') counts.rejected++;
}
