import { describe, expect, it } from 'vitest';
import { ConfigError, LOG_LEVELS, parseBaseConfig, parseConfig } from '../src/config.ts';
import { DEFAULT_TIME_ZONE, DEFAULT_TOP } from '../src/core/defaults.ts';
import { DEFAULT_WATCH_CORPUS_OPTIONS } from '../src/corpus/watch-corpus.ts';
import { DEFAULTS } from '../src/defaults.ts';
import { DEFAULT_FEED_POLLER_OPTIONS } from '../src/ingest/feed-poller.ts';
import { DEFAULT_DIGEST_AT } from '../src/slack/alerts/compose-alerts.ts';
import { DEFAULT_BRIEFING_BLOCKS_OPTIONS } from '../src/slack/blocks/briefing-blocks.ts';

const problemsOf = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
};

describe('parseBaseConfig', () => {
  it('needs no Slack variable, and reads none', () => {
    const config = parseBaseConfig({});
    expect(config).toEqual({ corpusDir: 'corpus', stateDir: 'state', logLevel: 'info', briefing: { timeZone: 'UTC' } });
    expect(Object.isFrozen(config)).toBe(true);
    // A bad token is the bot's problem, not the terminal's.
    const slackOnly = { SLACK_BOT_TOKEN: 'nope', PORT: 'x', ALERT_CHANNEL: '#general', BRIEFING_CHANNEL: 'C0ONCALL' };
    expect(parseBaseConfig(slackOnly)).toEqual(config);
  });

  it('reads folders, the database, the log level, the time zone and feeds', () => {
    const env = {
      CORPUS_DIR: '/data/corpus',
      STATE_DIR: '/data/state',
      DATABASE_URL: 'postgres://brief:pw@db:5432/brief',
      LOG_LEVEL: 'debug',
      BRIEFING_TZ: 'Europe/London',
      FEEDS: 'feeds.txt',
      FEED_INTERVAL: '5m',
      FEED_BACKFILL_WINDOW: '2h',
    };
    expect(parseBaseConfig(env)).toEqual({
      corpusDir: '/data/corpus',
      stateDir: '/data/state',
      databaseUrl: 'postgres://brief:pw@db:5432/brief',
      logLevel: 'debug',
      briefing: { timeZone: 'Europe/London' },
      feeds: { file: 'feeds.txt', intervalMs: 300_000, backfillWindowMs: 7_200_000 },
    });
  });

  it("falls back on the caller's log level only when LOG_LEVEL is unset or empty", () => {
    expect(parseBaseConfig({}, { logLevel: 'warn' }).logLevel).toBe('warn');
    expect(parseBaseConfig({ LOG_LEVEL: '' }, { logLevel: 'warn' }).logLevel).toBe('warn');
    expect(parseBaseConfig({ LOG_LEVEL: 'error' }, { logLevel: 'warn' }).logLevel).toBe('error');
  });

  it('reports every bad variable at once, naming it and what is allowed', () => {
    const bad = { LOG_LEVEL: 'loud', BRIEFING_TZ: 'Mars/Base', FEED_INTERVAL: 'often', DATABASE_URL: 'mysql://db' };
    const problems = problemsOf(() => parseBaseConfig(bad));
    expect(problems).toEqual([
      'DATABASE_URL must be a PostgreSQL URL such as postgres://brief:secret@db.internal:5432/brief (unset: SQLite in STATE_DIR)',
      `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`,
      'BRIEFING_TZ must be an IANA time zone such as UTC, Europe/London or America/New_York',
      'FEED_INTERVAL must be a positive duration such as 90s, 15m, 24h or 7d (got "often")',
    ]);
    expect(LOG_LEVELS).toEqual(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);
  });

  it("is the base of the bot's config: same fields from the same environment, same problems", () => {
    const env = { CORPUS_DIR: 'c', STATE_DIR: 's', BRIEFING_TZ: 'America/New_York', FEEDS: 'f.txt', LOG_LEVEL: 'warn' };
    const bot = parseConfig({ ...env, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'shh' });
    const base = parseBaseConfig(env);
    expect(bot).toMatchObject(base);
    const bad = { LOG_LEVEL: 'loud', BRIEFING_TZ: 'Mars/Base' };
    const botProblems = problemsOf(() => parseConfig({ ...bad, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'shh' }));
    expect(botProblems).toEqual(problemsOf(() => parseBaseConfig(bad)));
  });
});

describe('DEFAULTS', () => {
  it('hold each default once, and the bot, the watcher, the poller and the renderers use them', () => {
    expect(DEFAULTS).toEqual({
      corpusDir: 'corpus',
      stateDir: 'state',
      logLevel: 'info',
      cliLogLevel: 'warn',
      port: 3000,
      timeZone: 'UTC',
      top: 3,
      feedIntervalMs: 15 * 60_000,
      feedBackfillWindowMs: 24 * 60 * 60_000,
      corpusSettleMs: 1000,
      alertDigestAt: 5,
    });
    expect(Object.isFrozen(DEFAULTS)).toBe(true);
    expect([DEFAULTS.timeZone, DEFAULTS.top]).toEqual([DEFAULT_TIME_ZONE, DEFAULT_TOP]);
    expect(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'shh', FEEDS: 'f.txt' })).toMatchObject({
      corpusDir: DEFAULTS.corpusDir,
      stateDir: DEFAULTS.stateDir,
      logLevel: DEFAULTS.logLevel,
      port: DEFAULTS.port,
      briefing: { timeZone: DEFAULTS.timeZone },
      corpusSettleMs: DEFAULTS.corpusSettleMs,
      alertDigestAt: DEFAULTS.alertDigestAt,
      feeds: { intervalMs: DEFAULTS.feedIntervalMs, backfillWindowMs: DEFAULTS.feedBackfillWindowMs },
    });
    expect(DEFAULT_WATCH_CORPUS_OPTIONS.settleMs).toBe(DEFAULTS.corpusSettleMs);
    const { intervalMs, backfillWindowMs } = DEFAULT_FEED_POLLER_OPTIONS;
    expect([intervalMs, backfillWindowMs]).toEqual([DEFAULTS.feedIntervalMs, DEFAULTS.feedBackfillWindowMs]);
    expect(DEFAULT_DIGEST_AT).toBe(DEFAULTS.alertDigestAt);
    expect(DEFAULT_BRIEFING_BLOCKS_OPTIONS.timeZone).toBe(DEFAULTS.timeZone);
  });
});
