/**
 * Two replicas, as in production: two `npm start` processes (src/main.ts) in HTTP mode with the
 * same CORPUS_DIR and DATABASE_URL, their own PORT and STATE_DIR, and one fake Slack. Replica A
 * reaches Slack through a proxy that can hold its posts, so a kill -9 can land mid-post.
 * PostgreSQL only: that is what replicas share.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/state/open-database.ts';
import { articleText, dropArticle, posts, serveHistory, tempDirs, type Dirs } from '../alerts/alert-harness.ts';
import { startProxy } from '../alerts/slack-proxy.ts';
import { captureLogger } from '../helpers.ts';
import { spawnMain, type MainProcess } from '../main-process.ts';
import { startFakeSlack, type FakeSlack } from '../slack/fake-slack.ts';
import { allText } from '../slack/harness.ts';
import { eventBody, postSigned, SIGNING_SECRET, slashCommandBody } from '../slack/slack-requests.ts';
import { PG_SKIP_REASON, PG_URL, warnIfNoPostgres } from '../state/test-databases.ts';

warnIfNoPostgres();

interface Replica {
  name: string;
  port: number;
  stateDir: string;
  main: MainProcess;
  url: string;
}

let fake: FakeSlack;
let proxy: Awaited<ReturnType<typeof startProxy>>;
let dirs: Dirs;
let slot: Date;
const replicas: Record<'A' | 'B', Replica> = {} as Record<'A' | 'B', Replica>;
/** Every replica process started, killed at the end (a restarted A is a new one). */
const processes: MainProcess[] = [];
const BRIEFING_CHANNEL = 'C0BRIEF';

/** Polls `check` until it is true (expect.poll cannot run in beforeAll); rejects after `ms`. */
async function waitUntil(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts a replica on PORT=0 (the port it bound is read from its log) and waits for /healthz. */
async function startReplica(name: 'A' | 'B'): Promise<Replica> {
  const stateDir = path.join(path.dirname(dirs.stateDir), `state-${name}`);
  await mkdir(stateDir, { recursive: true });
  const main = spawnMain({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    // A reaches Slack through the proxy (its posts can be held); B directly.
    SLACK_API_URL: name === 'A' ? proxy.apiUrl : fake.apiUrl,
    PORT: '0',
    CORPUS_DIR: dirs.corpusDir,
    STATE_DIR: stateDir,
    DATABASE_URL: dirs.databaseUrl!,
    ALERT_CHANNEL: 'C0ALERTS',
    // A notices a new file first, so in the kill test it is A that claims the post.
    CORPUS_SETTLE_MS: name === 'A' ? '100' : '1500',
    LOG_LEVEL: 'info',
    BRIEFING_CRON: `${slot.getUTCSeconds()} ${slot.getUTCMinutes()} ${slot.getUTCHours()} * * *`,
    BRIEFING_CHANNEL,
  });
  processes.push(main);
  const port = await main.port;
  const replica = { name, port, stateDir, main, url: `http://127.0.0.1:${port}` };
  replicas[name] = replica;
  await waitUntil(async () => (await fetch(`${replica.url}/healthz`)).status === 200, 40_000, `replica ${name} to serve /healthz`);
  return replica;
}

const command = (r: Replica, text: string, id: string, channel = 'C0DESK') =>
  postSigned(
    `${r.url}/slack/events`,
    slashCommandBody(text, fake.responseUrl(id), { channel_id: channel }),
    'application/x-www-form-urlencoded',
  );
const replyTo = async (id: string) =>
  (await fake.waitFor((calls) => calls.some((c) => c.responseId === id), 10_000)).find((c) => c.responseId === id)!;
const announced = (headline: string) => posts(fake, 'C0ALERTS').filter((c) => allText(c.body.blocks).includes(headline)).length;
const story = (n: number) =>
  articleText(`Replica Story ${n}`, `Paragraph of replica story ${n}: officials described the cyber pause in detail number ${n}.`);

describe.skipIf(!PG_URL)(`two replicas on one PostgreSQL${PG_URL ? '' : ` (${PG_SKIP_REASON})`}`, () => {
  beforeAll(async () => {
    fake = await startFakeSlack();
    serveHistory(fake);
    proxy = await startProxy(fake);
    dirs = await tempDirs('postgres');
    // A scheduled briefing slot both replicas wait for, a little after they are up.
    slot = new Date(Math.ceil((Date.now() + 50_000) / 1000) * 1000);
    await Promise.all([startReplica('A'), startReplica('B')]);
    // Both have loaded the corpus and recorded the baseline before the tests drop files.
    await waitUntil(
      async () => {
        const db = await openDatabase(dirs, captureLogger().logger);
        try {
          return (await db.db.selectFrom('alert_articles').select('article_id').execute()).length === 2;
        } finally {
          await db.close();
        }
      },
      20_000,
      'the baseline',
    );
  }, 120_000);
  afterAll(async () => {
    for (const main of processes) await main.kill9();
    await proxy.close();
    await fake.close();
    await dirs.cleanup();
  });

  it('both answer', async () => {
    await command(replicas.A, 'who ordered the pause', 'ans-A');
    await command(replicas.B, 'who ordered the pause', 'ans-B');
    expect(allText((await replyTo('ans-A')).body)).toMatch(/Hegseth/);
    expect(allText((await replyTo('ans-B')).body)).toMatch(/Hegseth/);
  });

  it('announces one new article exactly once, and three at once each once', async () => {
    await dropArticle(dirs.corpusDir, 'replica-1.md', story(1));
    await fake.waitFor(() => announced('Replica Story 1') >= 1, 15_000);
    for (const n of [2, 3, 4]) await dropArticle(dirs.corpusDir, `replica-${n}.md`, story(n));
    await fake.waitFor(() => [2, 3, 4].every((n) => announced(`Replica Story ${n}`) >= 1), 20_000);
    // Both replicas have handled every file (each logs its own load); then no post is still on its way.
    await expect
      .poll(
        async () => {
          const db = await openDatabase(dirs, captureLogger().logger);
          try {
            return (await db.db.selectFrom('alert_outbox').select('status').execute()).map((r) => r.status);
          } finally {
            await db.close();
          }
        },
        { timeout: 15_000, interval: 200 },
      )
      .toEqual(['sent', 'sent', 'sent', 'sent']);
    for (const n of [1, 2, 3, 4]) expect(announced(`Replica Story ${n}`)).toBe(1);
  }, 60_000);

  it('answers an event once when A gets it and B gets the retry', async () => {
    const event = {
      type: 'app_mention',
      user: 'U0BOB',
      text: '<@UBRIEF> who ordered the pause',
      ts: '1700000400.000100',
      channel: 'C0RETRY',
    };
    const first = await postSigned(`${replicas.A.url}/slack/events`, eventBody(event, 'Ev-replica-1'), 'application/json');
    const retry = await postSigned(`${replicas.B.url}/slack/events`, eventBody(event, 'Ev-replica-1'), 'application/json', {
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    expect([first.status, retry.status]).toEqual([200, 200]);
    // A later event to B in another channel is answered: B is working, and the retry was taken before it.
    await postSigned(
      `${replicas.B.url}/slack/events`,
      eventBody({ ...event, channel: 'C0AFTER', ts: '1700000401.000100' }, 'Ev-replica-2'),
      'application/json',
    );
    await fake.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0AFTER'), 10_000);
    await fake.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0RETRY'), 10_000);
    expect(fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0RETRY')).toHaveLength(1);
  });

  it('lists on B a watch made on A, and posts its answer once when an article answers it', async () => {
    await command(replicas.A, 'watch what did Wyden demand', 'watch-A', 'C0WATCH');
    expect(allText((await replyTo('watch-A')).body)).toMatch(/#1/);
    await command(replicas.B, 'watches', 'watches-B', 'C0WATCH');
    expect(allText((await replyTo('watches-B')).body)).toMatch(/#1.*what did Wyden demand/s);
    await dropArticle(
      dirs.corpusDir,
      'wyden.md',
      articleText(
        'Wyden Demands Briefing On Cyber Pause',
        'Senator Ron Wyden demanded a classified briefing on the cyber pause within two weeks.',
        { source: 'Capitol Wire' },
      ),
    );
    await fake.waitFor(() => posts(fake, 'C0WATCH').length >= 1 && announced('Wyden Demands Briefing') >= 1, 20_000);
    await expect
      .poll(
        async () => {
          const db = await openDatabase(dirs, captureLogger().logger);
          try {
            return (await db.db.selectFrom('alert_outbox').select('status').where('kind', '=', 'watch').execute()).map((r) => r.status);
          } finally {
            await db.close();
          }
        },
        { timeout: 15_000, interval: 200 },
      )
      .toEqual(['sent']);
    expect(posts(fake, 'C0WATCH')).toHaveLength(1);
    expect(allText(posts(fake, 'C0WATCH')[0]!.body.blocks)).toMatch(/watched question #1/);
    expect(announced('Wyden Demands Briefing')).toBe(1);
  }, 60_000);

  it('posts a scheduled briefing slot once', async () => {
    const wait = slot.getTime() - Date.now();
    await fake.waitFor(() => posts(fake, BRIEFING_CHANNEL).length >= 1, Math.max(wait, 0) + 20_000);
    const db = await openDatabase(dirs, captureLogger().logger);
    try {
      await expect
        .poll(async () => (await db.db.selectFrom('briefing_slots').selectAll().execute()).map((r) => r.status), {
          timeout: 15_000,
          interval: 200,
        })
        .toEqual(['posted']);
      const row = await db.db.selectFrom('briefing_slots').selectAll().executeTakeFirstOrThrow();
      expect(row.slot).toBe(slot.toISOString());
      // Every message in the channel belongs to that one post.
      expect(posts(fake, BRIEFING_CHANNEL).map((c) => c.body.channel)).toHaveLength((JSON.parse(row.ts!) as string[]).length);
    } finally {
      await db.close();
    }
  }, 90_000);

  it('kill -9 of A mid-post: B posts the alert once within 30 s, and a restarted A does not post it again', async () => {
    proxy.state.hold = 'request';
    const before = proxy.seen.filter((m) => m === 'chat.postMessage').length;
    await dropArticle(dirs.corpusDir, 'replica-5.md', story(5));
    await expect
      .poll(() => proxy.seen.filter((m) => m === 'chat.postMessage').length, { timeout: 15_000, interval: 50 })
      .toBeGreaterThan(before);
    await replicas.A.main.kill9();
    const killedAt = Date.now();
    proxy.state.hold = 'none';
    await fake.waitFor(() => announced('Replica Story 5') === 1, 30_000);
    expect(Date.now() - killedAt).toBeLessThan(30_000);

    await startReplica('A');
    await dropArticle(dirs.corpusDir, 'replica-6.md', story(6));
    await fake.waitFor(() => announced('Replica Story 6') === 1, 20_000);
    await expect
      .poll(
        async () => {
          const db = await openDatabase(dirs, captureLogger().logger);
          try {
            return (await db.db.selectFrom('alert_outbox').select('status').execute()).every((r) => r.status === 'sent');
          } finally {
            await db.close();
          }
        },
        { timeout: 15_000, interval: 200 },
      )
      .toBe(true);
    expect(announced('Replica Story 5')).toBe(1);
    expect(announced('Replica Story 6')).toBe(1);
  }, 90_000);
});
