/**
 * Polls the feeds named in the FEEDS file every `intervalMs` and writes new articles into the
 * corpus folder, where the corpus watcher picks them up. Polls never overlap; `stop()` waits for
 * the one in flight. Timers, clock and fetch are injectable so tests run on a fake clock.
 */
import { readFile } from 'node:fs/promises';
import { loadDuplicateIndex, type DuplicateIndex } from '../corpus/duplicate-index.ts';
import { DEFAULTS } from '../defaults.ts';
import type { Logger } from '../logger.ts';
import type { FeedStateStore } from '../state/feed-store.ts';
import { FeedsFileError, parseFeedsFile, type FeedSource } from './feeds-file.ts';
import type { FetchLike } from './fetch-page.ts';
import { emptyCounts, pollFeed, type FeedCounts, type FeedPollContext } from './poll-feed.ts';

export interface FeedPollerOptions {
  /** The FEEDS file: one feed URL per line, optionally `keywords: a, b`. Re-read on every poll. Required. */
  feedsFile: string;
  /** Where new articles are written. Required. */
  corpusDir: string;
  /**
   * The duplicate index each poll checks items against and extends, such as the live corpus's.
   * Default: the corpus folder read once at the start of each poll.
   */
  duplicateIndex?: () => DuplicateIndex | Promise<DuplicateIndex>;
  /** Where items seen and ETags are kept. Required. */
  feedState: FeedStateStore;
  /** Structured log lines for every feed and item outcome. Required. */
  logger: Logger;
  /** Time between the end of one poll and the start of the next, in ms. Default 15 minutes. */
  intervalMs?: number;
  /** A feed's first poll ingests only items published within this window; older ones are only remembered. Default 24 hours. */
  backfillWindowMs?: number;
  /** Failed fetches of an item's page before it is given up. Default 3. */
  maxItemAttempts?: number;
  /** How long an item the feed no longer lists is remembered, in ms. Default 30 days. */
  seenRetentionMs?: number;
  /** Timeout for one feed or page request, redirects and body included, in ms. Default 15 000. */
  timeoutMs?: number;
  /** Largest feed or page body read, in bytes. Default 5 MB. */
  maxBytes?: number;
  /** Redirects followed per request. Default 5. */
  maxRedirects?: number;
  /** The fetch implementation. Default the global fetch. */
  fetch?: FetchLike;
  /** The clock. Default `() => new Date()`. */
  now?: () => Date;
  /** Schedules the next poll. Default the global setTimeout. */
  setTimeout?: (callback: () => void, ms: number) => unknown;
  /** Cancels a scheduled poll. Default the global clearTimeout. */
  clearTimeout?: (handle: unknown) => void;
}

export const DEFAULT_FEED_POLLER_OPTIONS = {
  intervalMs: DEFAULTS.feedIntervalMs,
  backfillWindowMs: DEFAULTS.feedBackfillWindowMs,
  maxItemAttempts: 3,
  seenRetentionMs: 30 * 24 * 60 * 60_000,
  timeoutMs: 15_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
};

export interface PollSummary extends FeedCounts {
  /** Feeds in the FEEDS file. */
  feeds: number;
  /** Feeds fetched and read (changed since the last poll). */
  feedsRead: number;
  /** Feeds that answered 304 Not Modified. */
  notModified: number;
  /** Feeds that could not be fetched or read. */
  feedsFailed: number;
  /** Why the FEEDS file could not be used, when it could not. */
  feedsFileError?: string;
}

export interface FeedPoller {
  /** Polls now, then every `intervalMs` after each poll ends. Calling it again does nothing. */
  start(): void;
  /** Cancels the next poll, stops the one in flight after its current item, and waits for it. */
  stop(): Promise<void>;
  /** One poll of every feed; while a poll is in flight, returns that poll. */
  pollOnce(): Promise<PollSummary>;
}

export function createFeedPoller(options: FeedPollerOptions): FeedPoller {
  const opts = {
    ...DEFAULT_FEED_POLLER_OPTIONS,
    now: () => new Date(),
    setTimeout: (cb: () => void, ms: number): unknown => setTimeout(cb, ms),
    clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout),
    ...options,
  };
  let inFlight: Promise<PollSummary> | undefined;
  let controller = new AbortController();
  let timer: unknown;
  let running = false;

  const pollOnce = (): Promise<PollSummary> => {
    if (inFlight) return inFlight;
    if (controller.signal.aborted) controller = new AbortController();
    inFlight = runPoll(opts, controller.signal).finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  const tick = async (): Promise<void> => {
    timer = undefined;
    try {
      await pollOnce();
    } catch (err) {
      opts.logger.error({ err }, 'feed poll failed; trying again at the next interval');
    }
    if (running) timer = opts.setTimeout(() => void tick(), opts.intervalMs);
  };

  return {
    start() {
      if (running) return;
      running = true;
      opts.logger.info({ feedsFile: opts.feedsFile, intervalMs: opts.intervalMs }, 'feed poller started');
      void tick();
    },
    async stop() {
      running = false;
      if (timer !== undefined) opts.clearTimeout(timer);
      timer = undefined;
      controller.abort();
      await inFlight?.catch(() => undefined);
    },
    pollOnce,
  };
}

type Resolved = typeof DEFAULT_FEED_POLLER_OPTIONS & FeedPollerOptions & { now: () => Date };

async function runPoll(opts: Resolved, signal: AbortSignal): Promise<PollSummary> {
  const summary: PollSummary = { feeds: 0, feedsRead: 0, notModified: 0, feedsFailed: 0, ...emptyCounts() };
  const sources = await readFeedSources(opts.feedsFile).catch((err: Error) => {
    summary.feedsFileError = err.message;
    opts.logger.error({ feedsFile: opts.feedsFile }, `FEEDS file not used: ${err.message}`);
    return [] as FeedSource[];
  });
  summary.feeds = sources.length;
  if (sources.length === 0) return summary;
  const state = await opts.feedState.load();
  const ctx: FeedPollContext = {
    corpusDir: opts.corpusDir,
    index: await (opts.duplicateIndex?.() ?? loadDuplicateIndex(opts.corpusDir)),
    logger: opts.logger,
    now: opts.now,
    signal,
    backfillWindowMs: opts.backfillWindowMs,
    maxItemAttempts: opts.maxItemAttempts,
    seenRetentionMs: opts.seenRetentionMs,
    fetchOptions: {
      timeoutMs: opts.timeoutMs,
      maxBytes: opts.maxBytes,
      maxRedirects: opts.maxRedirects,
      signal,
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
    },
  };
  for (const source of sources) {
    if (signal.aborted) break;
    try {
      const { record, status } = await pollFeed(source, state.feeds[source.url], ctx, summary);
      summary[status === 'ok' ? 'feedsRead' : status === 'not-modified' ? 'notModified' : 'feedsFailed']++;
      if (record) {
        state.feeds[source.url] = record;
        await opts.feedState.saveFeed(source.url, record);
      }
    } catch (err) {
      // One feed's unexpected failure (say, the state cannot be written) must not stop the others.
      summary.feedsFailed++;
      opts.logger.error({ err, feed: source.url }, 'feed poll failed unexpectedly');
    }
  }
  const { written, ...counts } = summary;
  opts.logger.info({ ...counts, written: written.length }, 'feed poll finished');
  return summary;
}

async function readFeedSources(file: string): Promise<FeedSource[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new FeedsFileError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parseFeedsFile(text, file);
}
