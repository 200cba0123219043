/**
 * parseConfig(env): the only reader of process.env. Returns one typed, frozen object, or throws a
 * ConfigError listing every bad or missing variable at once, each with how to get it.
 */
import { z } from 'zod';
import { parseDuration } from './ingest/parse-duration.ts';
import { briefingCrossChecks, briefingEnvShape, toBriefingConfig, type BriefingConfig } from './schedule/briefing-config.ts';

const HOW_TO = {
  SLACK_BOT_TOKEN: 'the Bot User OAuth Token (xoxb-…): api.slack.com/apps → your app → OAuth & Permissions → Install to Workspace',
  SLACK_SIGNING_SECRET: 'api.slack.com/apps → your app → Basic Information → App Credentials → Signing Secret (needed in HTTP mode, i.e. when SLACK_APP_TOKEN is not set)',
  SLACK_APP_TOKEN: 'an app-level token (xapp-…) with the connections:write scope: api.slack.com/apps → your app → Basic Information → App-Level Tokens (turns on Socket Mode)',
} as const;

const optionalString = z.string().trim().min(1).optional();
const channelList = z.string().trim().optional().transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []))
  .pipe(z.array(z.string().regex(/^[CGD][A-Z0-9]{2,}$/, 'must be channel ids like C0123ABCD (not #names), comma-separated')));

/** A duration such as `15m` or `24h`, in milliseconds. */
function duration(name: string, fallback: string) {
  return z.string().default(fallback).transform((text, ctx) => {
    try { return parseDuration(text, name).valueOf(); } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message.replace(`${name} `, '') });
      return z.NEVER;
    }
  });
}

const envSchema = z.object({
  SLACK_BOT_TOKEN: z.string({ error: `is missing: set it to ${HOW_TO.SLACK_BOT_TOKEN}` })
    .trim().regex(/^xoxb-/, `must start with xoxb-: use ${HOW_TO.SLACK_BOT_TOKEN}`),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: z.string().trim().regex(/^xapp-/, `must start with xapp-: use ${HOW_TO.SLACK_APP_TOKEN}`).optional(),
  SLACK_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:9999/api/' }).optional(),
  PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).default(3000),
  CORPUS_DIR: z.string().trim().min(1).default('corpus'),
  STATE_DIR: z.string().trim().min(1).default('state'),
  DATABASE_URL: z.string().trim().regex(/^postgres(ql)?:\/\/\S+$/, 'must be a PostgreSQL URL such as postgres://brief:secret@db.internal:5432/brief (unset: SQLite in STATE_DIR)').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  ALERT_CHANNEL: channelList,
  FEEDS: optionalString,
  FEED_INTERVAL: duration('FEED_INTERVAL', '15m'),
  FEED_BACKFILL_WINDOW: duration('FEED_BACKFILL_WINDOW', '24h'),
  ...briefingEnvShape,
  CORPUS_SETTLE_MS: z.coerce.number({ error: 'must be a number of milliseconds, e.g. 1000' }).int().min(50, 'must be at least 50 (milliseconds)').max(60_000, 'must be at most 60000 (one minute)').default(1000),
  ALERT_DIGEST_AT: z.coerce.number({ error: 'must be a whole number, e.g. 5' }).int().min(2, 'must be at least 2').default(5),
});

/** Rules across variables, checked even when single variables fail, so every problem shows at once. */
function crossChecks(env: Record<string, string | undefined>): string[] {
  if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
    return [`SLACK_SIGNING_SECRET is missing: set it to ${HOW_TO.SLACK_SIGNING_SECRET}, or set SLACK_APP_TOKEN to ${HOW_TO.SLACK_APP_TOKEN}`];
  }
  return [];
}

export interface Config {
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
  corpusDir: string;
  stateDir: string;
  /** PostgreSQL URL shared by replicas; absent means SQLite at STATE_DIR/brief.db. */
  databaseUrl?: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** Channel ids that hear about new articles; empty turns alerts off. */
  alertChannels: string[];
  /** RSS/Atom polling; absent when FEEDS is not set. */
  feeds?: { file: string; intervalMs: number; backfillWindowMs: number };
  /** Briefings: time zone, and the schedule when BRIEFING_CRON is set. Absent means UTC, no schedule. */
  briefing?: BriefingConfig;
  /** How long a changed corpus file must stay unchanged before it is read (ms). Default 1000. */
  corpusSettleMs?: number;
  /** New articles in one batch from which alert channels get one digest instead of one post each. Default 5. */
  alertDigestAt?: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Brief cannot start; fix these in .env or the environment (see .env.example):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function parseConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  // Empty strings (KEY= in .env) count as unset.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = envSchema.safeParse(cleaned);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${String(i.path[0] ?? 'environment')} ${i.message}`)),
    ...crossChecks(cleaned),
    ...briefingCrossChecks(cleaned),
  ];
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const e = parsed.data;
  return Object.freeze({
    slack: Object.freeze({
      botToken: e.SLACK_BOT_TOKEN,
      mode: e.SLACK_APP_TOKEN ? 'socket' : 'http',
      ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
      ...(e.SLACK_SIGNING_SECRET ? { signingSecret: e.SLACK_SIGNING_SECRET } : {}),
      ...(e.SLACK_API_URL ? { apiUrl: e.SLACK_API_URL } : {}),
    }),
    port: e.PORT,
    corpusDir: e.CORPUS_DIR,
    stateDir: e.STATE_DIR,
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    logLevel: e.LOG_LEVEL,
    alertChannels: e.ALERT_CHANNEL,
    ...(e.FEEDS ? { feeds: Object.freeze({ file: e.FEEDS, intervalMs: e.FEED_INTERVAL, backfillWindowMs: e.FEED_BACKFILL_WINDOW }) } : {}),
    briefing: toBriefingConfig(e),
    corpusSettleMs: e.CORPUS_SETTLE_MS,
    alertDigestAt: e.ALERT_DIGEST_AT,
  } satisfies Config);
}
