/**
 * kill -9 at the moments that matter, with the real process (src/main.ts): nothing announced is
 * lost, nothing is announced twice. A proxy between Brief and the fake Slack holds a request
 * (Slack never saw the post) or its reply (Slack posted it, Brief never heard) while we kill.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnMain, type MainProcess } from '../main-process.ts';
import { startFakeSlack, type FakeSlack } from '../slack/fake-slack.ts';
import { allText } from '../slack/harness.ts';
import { SIGNING_SECRET } from '../slack/slack-requests.ts';
import { BACKENDS, PG_SKIP_REASON, skipBackend, warnIfNoPostgres } from '../state/test-databases.ts';
import { startProxy } from './slack-proxy.ts';
import { articleText, dropArticle, hasAlertState, posts, readOutbox, serveHistory, tempDirs, type Dirs } from './alert-harness.ts';

warnIfNoPostgres();

for (const backend of BACKENDS)
  describe.skipIf(skipBackend(backend))(`kill -9 on ${backend}${skipBackend(backend) ? ` (${PG_SKIP_REASON})` : ''}`, () => {
    let fake: FakeSlack;
    let proxy: Awaited<ReturnType<typeof startProxy>>;
    let dirs: Dirs;
    const children: MainProcess[] = [];
    beforeEach(async () => {
      fake = await startFakeSlack();
      serveHistory(fake);
      proxy = await startProxy(fake);
      dirs = await tempDirs(backend);
    });
    afterEach(async () => {
      for (const c of children.splice(0)) await c.kill9();
      await proxy.close();
      await fake.close();
      await dirs.cleanup();
    });

    /** Starts `npm start` (src/main.ts) on PORT=0 and resolves once it serves /healthz and has its alert state. */
    async function startMain(): Promise<MainProcess> {
      const main = spawnMain({
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: proxy.apiUrl,
        PORT: '0',
        CORPUS_DIR: dirs.corpusDir,
        STATE_DIR: dirs.stateDir,
        ALERT_CHANNEL: 'C0ALERTS',
        CORPUS_SETTLE_MS: '100',
        LOG_LEVEL: 'info',
        ...(dirs.databaseUrl ? { DATABASE_URL: dirs.databaseUrl } : {}),
      });
      children.push(main);
      const port = await main.port;
      await expect
        .poll(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.status, {
          timeout: 30_000,
          interval: 100,
        })
        .toBe(200);
      await expect.poll(() => hasAlertState(dirs), { timeout: 5000, interval: 50 }).toBe(true);
      return main;
    }

    const kill9 = (main: MainProcess) => main.kill9();

    const outbox = () => readOutbox(dirs);
    const announced = (headline: string) => posts(fake).filter((c) => allText(c.body.blocks).includes(headline)).length;
    const article = (n: number) =>
      articleText(`Kill Test Story ${n}`, `Paragraph of story ${n}: officials described the cyber pause in detail number ${n}.`);

    describe(`kill -9 loses nothing and doubles nothing (${backend})`, () => {
      it('right after the file lands: the next start announces it once', async () => {
        const first = await startMain();
        await dropArticle(dirs.corpusDir, 'story-1.md', article(1));
        await kill9(first);
        await startMain();
        await fake.waitFor(() => announced('Kill Test Story 1') === 1, 10_000);
        await expect.poll(async () => (await outbox()).map((e) => e.status), { timeout: 5000 }).toEqual(['sent']);
        expect(announced('Kill Test Story 1')).toBe(1);
      }, 90_000);

      it('while the post is on its way (Slack never got it): the next start checks the channel, then posts once', async () => {
        const first = await startMain();
        proxy.state.hold = 'request';
        await dropArticle(dirs.corpusDir, 'story-2.md', article(2));
        await expect.poll(() => proxy.seen.includes('chat.postMessage'), { timeout: 10_000 }).toBe(true);
        expect((await outbox()).map((e) => e.status)).toEqual(['posting']);
        await kill9(first);
        proxy.state.hold = 'none';
        await startMain();
        await fake.waitFor(() => announced('Kill Test Story 2') === 1, 10_000);
        await expect.poll(async () => (await outbox()).map((e) => e.status), { timeout: 5000 }).toEqual(['sent']);
        expect(proxy.seen).toContain('conversations.history');
        expect(announced('Kill Test Story 2')).toBe(1);
      }, 90_000);

      it('after Slack posted it but before Brief heard back: the next start finds it in the channel and does not post again', async () => {
        const first = await startMain();
        proxy.state.hold = 'reply';
        await dropArticle(dirs.corpusDir, 'story-3.md', article(3));
        await fake.waitFor(() => announced('Kill Test Story 3') === 1, 10_000);
        await kill9(first);
        proxy.state.hold = 'none';
        await startMain();
        await expect.poll(async () => (await outbox()).map((e) => e.status), { timeout: 10_000 }).toEqual(['sent']);
        expect(announced('Kill Test Story 3')).toBe(1);
      }, 90_000);

      it('mid-run, after some posts are recorded: each article is announced exactly once across the runs', async () => {
        const first = await startMain();
        for (const n of [4, 5, 6]) await dropArticle(dirs.corpusDir, `story-${n}.md`, article(n));
        await fake.waitFor(() => announced('Kill Test Story') >= 1, 10_000);
        await kill9(first);
        await dropArticle(dirs.corpusDir, 'story-7.md', article(7));
        const second = await startMain();
        await expect
          .poll(async () => (await outbox()).every((e) => e.status === 'sent') && announced('Kill Test Story 7') === 1, { timeout: 15_000 })
          .toBe(true);
        await kill9(second);
        await startMain();
        // Loads are handled in order and alerts post in order: once an article dropped now is announced
        // and the outbox is all sent, whatever this start made of the earlier ones has reached Slack.
        await dropArticle(dirs.corpusDir, 'story-8.md', article(8));
        await fake.waitFor(() => announced('Kill Test Story 8') === 1, 10_000);
        await expect.poll(async () => (await outbox()).every((e) => e.status === 'sent'), { timeout: 15_000 }).toBe(true);
        for (const n of [4, 5, 6, 7]) expect(announced(`Kill Test Story ${n}`)).toBe(1);
      }, 120_000);
    });
  });
