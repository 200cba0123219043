/**
 * parseConfig(env) and parseBaseConfig(env): the only readers of process.env. Each returns one typed,
 * frozen object, or throws a ConfigError listing every bad or missing variable at once, each with
 * how to get it. The base config (folders, log level, time zone, feeds) is what every CLI command
 * needs and holds no Slack tokens; the bot's config is the base plus Slack on top.
 */
import { z } from 'zod';
import { DEFAULTS } from './defaults.ts';
import { parseDuration } from './ingest/parse-duration.ts';
import {
  briefingCrossChecks,
  briefingScheduleShape,
  briefingTimeZoneShape,
  toBriefingConfig,
  type BriefingConfig,
} from './schedule/briefing-config.ts';

const HOW_TO = {
  SLACK_BOT_TOKEN: 'the Bot User OAuth Token (xoxb-…): api.slack.com/apps → your app → OAuth & Permissions → Install to Workspace',
  SLACK_SIGNING_SECRET:
    'api.slack.com/apps → your app → Basic Information → App Credentials → Signing Secret (needed in HTTP mode, i.e. when SLACK_APP_TOKEN is not set)',
  SLACK_APP_TOKEN:
    'an app-level token (xapp-…) with the connections:write scope: api.slack.com/apps → your app → Basic Information → App-Level Tokens (turns on Socket Mode)',
} as const;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

type Env = Record<string, string | undefined>;

const optionalString = z.string().trim().min(1).optional();
const channelList = z
  .string()
  .trim()
  .optional()
  .transform((v) =>
    v
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
  )
  .pipe(z.array(z.string().regex(/^[CGD][A-Z0-9]{2,}$/, 'must be channel ids like C0123ABCD (not #names), comma-separated')));

/** A duration such as `15m` or `24h`, in milliseconds. */
function duration(name: string, fallbackMs: number) {
  return z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return fallbackMs;
      try {
        return parseDuration(text, name);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message.replace(`${name} `, '') });
        return z.NEVER;
      }
    });
}

/** What every command reads: folders, log level, the briefings' time zone, feeds. */
const baseShape = {
  CORPUS_DIR: z.string().trim().min(1).default(DEFAULTS.corpusDir),
  STATE_DIR: z.string().trim().min(1).default(DEFAULTS.stateDir),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(
      /^postgres(ql)?:\/\/\S+$/,
      'must be a PostgreSQL URL such as postgres://brief:secret@db.internal:5432/brief (unset: SQLite in STATE_DIR)',
    )
    .optional(),
  // No default here: the bot and the terminal commands fall back to different levels.
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).optional(),
  ...briefingTimeZoneShape,
  FEEDS: optionalString,
  FEED_INTERVAL: duration('FEED_INTERVAL', DEFAULTS.feedIntervalMs),
  FEED_BACKFILL_WINDOW: duration('FEED_BACKFILL_WINDOW', DEFAULTS.feedBackfillWindowMs),
};

/** What only the bot reads: Slack's tokens and URL, the port, alerts, the briefing schedule, corpus timing. */
const slackShape = {
  SLACK_BOT_TOKEN: z
    .string({ error: `is missing: set it to ${HOW_TO.SLACK_BOT_TOKEN}` })
    .trim()
    .regex(/^xoxb-/, `must start with xoxb-: use ${HOW_TO.SLACK_BOT_TOKEN}`),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: z
    .string()
    .trim()
    .regex(/^xapp-/, `must start with xapp-: use ${HOW_TO.SLACK_APP_TOKEN}`)
    .optional(),
  SLACK_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:9999/api/' }).optional(),
  PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).default(DEFAULTS.port),
};
const botShape = {
  ALERT_CHANNEL: channelList,
  ...briefingScheduleShape,
  CORPUS_SETTLE_MS: z.coerce
    .number({ error: `must be a number of milliseconds, e.g. ${DEFAULTS.corpusSettleMs}` })
    .int()
    .min(50, 'must be at least 50 (milliseconds)')
    .max(60_000, 'must be at most 60000 (one minute)')
    .default(DEFAULTS.corpusSettleMs),
  ALERT_DIGEST_AT: z.coerce
    .number({ error: `must be a whole number, e.g. ${DEFAULTS.alertDigestAt}` })
    .int()
    .min(2, 'must be at least 2')
    .default(DEFAULTS.alertDigestAt),
};

const baseSchema = z.object(baseShape);

/** The variables of the base config: a command names those it reads (see src/cli/io.ts readCliConfig). */
export type BaseVariable = keyof typeof baseShape;
const envSchema = z.object({ ...slackShape, ...baseShape, ...botShape });

/** Rules across variables, checked even when single variables fail, so every problem shows at once. */
function slackCrossChecks(env: Env): string[] {
  if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
    return [
      `SLACK_SIGNING_SECRET is missing: set it to ${HOW_TO.SLACK_SIGNING_SECRET}, or set SLACK_APP_TOKEN to ${HOW_TO.SLACK_APP_TOKEN}`,
    ];
  }
  return [];
}

/** RSS/Atom polling of the feeds listed in a file. */
export interface FeedsConfig {
  file: string;
  intervalMs: number;
  backfillWindowMs: number;
}

/** What every command needs, without Slack tokens: `ask`, `eval`, `briefing` and `ingest` run on this. */
export interface BaseConfig {
  corpusDir: string;
  stateDir: string;
  /** PostgreSQL URL shared by replicas; absent means SQLite at STATE_DIR/brief.db. */
  databaseUrl?: string;
  logLevel: LogLevel;
  /** The time zone briefings show times in (and, for the bot, are scheduled in). */
  briefing: Pick<BriefingConfig, 'timeZone'>;
  /** RSS/Atom polling; absent when FEEDS is not set. */
  feeds?: FeedsConfig;
}

/** The bot's configuration: the base plus Slack on top. */
export interface Config extends BaseConfig {
  slack: {
    botToken: string;
    /** Socket Mode when an app token is set; HTTP mode (signing secret, PORT) otherwise. */
    mode: 'socket' | 'http';
    appToken?: string;
    signingSecret?: string;
    /** Web API base URL override (tests, proxies). */
    apiUrl?: string;
  };
  port: number;
  /** Channel ids that hear about new articles; empty turns alerts off. */
  alertChannels: string[];
  /** Briefings: time zone (default UTC), and the schedule when BRIEFING_CRON is set. */
  briefing: BriefingConfig;
  /** How long a changed corpus file must stay unchanged before it is read (ms). */
  corpusSettleMs: number;
  /** New articles in one batch from which alert channels get one digest instead of one post each. */
  alertDigestAt: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Brief cannot start; fix these in .env or the environment (see .env.example):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Validates env against schema and the cross-checks, throwing every problem at once. */
function validate<T extends z.ZodType>(schema: T, env: Env, crossChecks: ((env: Env) => string[])[]): z.output<T> {
  // Empty strings (KEY= in .env) count as unset.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = schema.safeParse(cleaned);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${String(i.path[0] ?? 'environment')} ${i.message}`)),
    ...crossChecks.flatMap((check) => check(cleaned)),
  ];
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  return parsed.data;
}

function toBaseConfig(e: z.output<typeof baseSchema>, logLevel: LogLevel): BaseConfig {
  return {
    corpusDir: e.CORPUS_DIR,
    stateDir: e.STATE_DIR,
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    logLevel: e.LOG_LEVEL ?? logLevel,
    briefing: Object.freeze({ timeZone: e.BRIEFING_TZ }),
    ...(e.FEEDS ? { feeds: Object.freeze({ file: e.FEEDS, intervalMs: e.FEED_INTERVAL, backfillWindowMs: e.FEED_BACKFILL_WINDOW }) } : {}),
  };
}

/** The base config alone: no Slack variable is read or required. `fallback.logLevel` applies when LOG_LEVEL is unset. */
export function parseBaseConfig(env: NodeJS.ProcessEnv = process.env, fallback: { logLevel?: LogLevel } = {}): Readonly<BaseConfig> {
  return Object.freeze(toBaseConfig(validate(baseSchema, env, []), fallback.logLevel ?? DEFAULTS.logLevel));
}

export function parseConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const e = validate(envSchema, env, [slackCrossChecks, briefingCrossChecks]);
  return Object.freeze({
    ...toBaseConfig(e, DEFAULTS.logLevel),
    slack: Object.freeze({
      botToken: e.SLACK_BOT_TOKEN,
      mode: e.SLACK_APP_TOKEN ? 'socket' : 'http',
      ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
      ...(e.SLACK_SIGNING_SECRET ? { signingSecret: e.SLACK_SIGNING_SECRET } : {}),
      ...(e.SLACK_API_URL ? { apiUrl: e.SLACK_API_URL } : {}),
    }),
    port: e.PORT,
    alertChannels: e.ALERT_CHANNEL,
    briefing: toBriefingConfig(e),
    corpusSettleMs: e.CORPUS_SETTLE_MS,
    alertDigestAt: e.ALERT_DIGEST_AT,
  } satisfies Config);
}
