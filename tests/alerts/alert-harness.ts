/** Runs the real Brief with a temp corpus and state folder that outlive restarts, against the fake Slack. */
import { access, cp, mkdtemp, rm, writeFile, rename } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../../src/config.ts';
import { startBrief, type RunningBrief, type StartBriefOptions } from '../../src/start-brief.ts';
import { ALERT_BASELINE_KEY } from '../../src/state/alert-store.ts';
import { openDatabase, SQLITE_FILE } from '../../src/state/open-database.ts';
import { createPostgresDatabase, type BackendName } from '../state/test-databases.ts';
import { BUNDLED_CORPUS, captureLogger } from '../helpers.ts';
import type { FakeCall, FakeSlack } from '../slack/fake-slack.ts';
import { testConfig } from '../slack/harness.ts';
import { postSigned, slashCommandBody } from '../slack/slack-requests.ts';

export const ALERT_CHANNELS = ['C0ALERTS', 'C0NEWS'];
/** Short watcher and posting timings: the same logic, a fast suite. */
export const FAST_TIMINGS: StartBriefOptions = {
  watch: { debounceMs: 20, settleMs: 150, rescanMs: 2000 },
  alerts: { queue: { spacingMs: 200 }, sender: { backoffMs: 100 } },
};

export interface Dirs {
  corpusDir: string;
  stateDir: string;
  databaseUrl?: string;
  cleanup(): Promise<void>;
}

/** A temp copy of the bundled corpus (2 articles) and an empty state folder; on PostgreSQL, an empty database too. */
export async function tempDirs(backend: BackendName = 'sqlite'): Promise<Dirs> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'brief-alerts-'));
  const corpusDir = path.join(root, 'corpus');
  await cp(BUNDLED_CORPUS, corpusDir, { recursive: true });
  const pg = backend === 'postgres' ? await createPostgresDatabase() : undefined;
  return {
    corpusDir,
    stateDir: path.join(root, 'state'),
    ...(pg ? { databaseUrl: pg.url } : {}),
    async cleanup() {
      await pg?.drop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** The outbox as the database has it, read by a connection of the test's own (the bot may be another process). */
export async function readOutbox(dirs: Pick<Dirs, 'stateDir' | 'databaseUrl'>): Promise<{ id: string; status: string }[]> {
  const opened = await openDatabase(dirs, captureLogger().logger);
  try {
    return await opened.db.selectFrom('alert_outbox').select(['id', 'status']).orderBy('seq').execute();
  } finally {
    await opened.close();
  }
}

/** True once the bot has recorded the corpus as seen (its first commit). */
export async function hasAlertState(dirs: Pick<Dirs, 'stateDir' | 'databaseUrl'>): Promise<boolean> {
  if (
    !dirs.databaseUrl &&
    !(await access(path.join(dirs.stateDir, SQLITE_FILE)).then(
      () => true,
      () => false,
    ))
  )
    return false;
  const opened = await openDatabase(dirs, captureLogger().logger);
  try {
    return (await opened.db.selectFrom('meta').select('key').where('key', '=', ALERT_BASELINE_KEY).executeTakeFirst()) !== undefined;
  } finally {
    await opened.close();
  }
}

export function articleText(title: string, body: string, meta: Record<string, string> = {}): string {
  const lines = Object.entries({
    title,
    source: 'Wire Desk',
    url: `https://news.example/${encodeURIComponent(title)}`,
    published: '2025-03-05',
    ...meta,
  }).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return `---\n${lines.join('\n')}\n---\n\n${body}\n`;
}

/** Drops an article in the way a careful writer does: a hidden temp file, then a rename. */
export async function dropArticle(dir: string, name: string, text: string): Promise<void> {
  const temp = path.join(dir, `.${name}.tmp`);
  await writeFile(temp, text);
  await rename(temp, path.join(dir, name));
}

export interface AlertBrief {
  brief: RunningBrief;
  logs: Record<string, unknown>[];
  command(text: string, responseId: string, channel?: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startAlertBrief(
  fake: FakeSlack,
  dirs: Dirs,
  config: Partial<Config> = {},
  options: StartBriefOptions = FAST_TIMINGS,
): Promise<AlertBrief> {
  const { logger, lines } = captureLogger();
  const brief = await startBrief(testConfig(fake, dirs, { alertChannels: ALERT_CHANNELS, ...config }), logger, options);
  await brief.ready;
  const url = `http://127.0.0.1:${brief.port}/slack/events`;
  return {
    brief,
    logs: lines,
    async command(text, responseId, channel = 'C0DESK') {
      await postSigned(
        url,
        slashCommandBody(text, fake.responseUrl(responseId), { channel_id: channel }),
        'application/x-www-form-urlencoded',
      );
    },
    stop: () => brief.stop(),
  };
}

export const posts = (fake: FakeSlack, channel?: string): FakeCall[] =>
  fake.callsTo('chat.postMessage').filter((c) => !channel || c.body.channel === channel);

/** Makes the fake's conversations.history return what was posted (with metadata), newest first, like Slack. */
export function serveHistory(fake: FakeSlack): void {
  fake.script('conversations.history', (call) => ({
    body: {
      ok: true,
      messages: posts(fake, String(call.body.channel))
        .map((c, i) => ({ type: 'message', ts: `${1_800_000_000 + i}.000100`, text: c.body.text, metadata: c.body.metadata }))
        .reverse(),
      response_metadata: { next_cursor: '' },
    },
  }));
}

export const responseTo = async (fake: FakeSlack, id: string) =>
  (await fake.waitFor((calls) => calls.some((c) => c.responseId === id))).find((c) => c.responseId === id)!;
