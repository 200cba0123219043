/**
 * Every default the configuration falls back on, defined once. It imports only the core, so the
 * config, the CLI, the corpus watcher, the feed poller and the alerts can all use it cheaply.
 */
import { DEFAULT_TIME_ZONE, DEFAULT_TOP } from './core/defaults.ts';

export const DEFAULTS = Object.freeze({
  /** CORPUS_DIR: the folder of article files. */
  corpusDir: 'corpus',
  /** STATE_DIR: Brief's own state (SQLite brief.db when DATABASE_URL is not set). */
  stateDir: 'state',
  /** LOG_LEVEL for the bot and `ingest`. */
  logLevel: 'info',
  /** LOG_LEVEL for `ask`, `eval` and `briefing`, whose output is the answer, not the log. */
  cliLogLevel: 'warn',
  /** PORT in HTTP mode. */
  port: 3000,
  /** BRIEFING_TZ. */
  timeZone: DEFAULT_TIME_ZONE,
  /** Passages per answer. */
  top: DEFAULT_TOP,
  /** FEED_INTERVAL: 15 minutes between feed polls. */
  feedIntervalMs: 15 * 60_000,
  /** FEED_BACKFILL_WINDOW: a feed's first poll takes items from the last 24 hours. */
  feedBackfillWindowMs: 24 * 60 * 60_000,
  /** CORPUS_SETTLE_MS: how long a changed corpus file must stay unchanged before it is read. */
  corpusSettleMs: 1000,
  /** ALERT_DIGEST_AT: new articles in one batch from which alerts become one digest. */
  alertDigestAt: 5,
} as const);
