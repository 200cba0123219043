import { appendFile, mkdir, readdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../slack/fake-slack.ts';
import { allText } from '../slack/harness.ts';
import { BACKENDS, PG_SKIP_REASON, skipBackend, warnIfNoPostgres } from '../state/test-databases.ts';
import {
  ALERT_CHANNELS,
  articleText,
  dropArticle,
  FAST_TIMINGS,
  posts,
  responseTo,
  serveHistory,
  startAlertBrief,
  tempDirs,
  type AlertBrief,
  type Dirs,
} from './alert-harness.ts';

warnIfNoPostgres();

for (const backend of BACKENDS)
  describe.skipIf(skipBackend(backend))(`alerts on ${backend}${skipBackend(backend) ? ` (${PG_SKIP_REASON})` : ''}`, () => {
    let fake: FakeSlack;
    let dirs: Dirs;
    let running: AlertBrief | undefined;
    beforeEach(async () => {
      fake = await startFakeSlack();
      serveHistory(fake);
      dirs = await tempDirs(backend);
    });
    afterEach(async () => {
      await running?.stop();
      running = undefined;
      await fake.close();
      await dirs.cleanup();
    });

    const start = async (...args: Parameters<typeof startAlertBrief> extends [unknown, unknown, ...infer R] ? R : never) =>
      (running = await startAlertBrief(fake, dirs, ...args));
    const WYDEN = articleText(
      'Wyden Demands Briefing On Cyber Pause',
      "Senator Ron Wyden demanded a classified briefing on the cyber pause within two weeks.\n\nThis decision was made by U.S. Defense Secretary Pete Hegseth before a heated Oval Office dispute on Friday between President Donald Trump, Vice President JD Vance, and Ukrainian President Volodymyr Zelensky over future U.S. funding for Ukraine's defense.",
      { source: 'Capitol Wire', url: 'https://capitol.example/wyden' },
    );
    const headlineCount = (fake: FakeSlack, headline: string) =>
      posts(fake).filter((c) => allText(c.body.blocks).includes(headline)).length;

    describe('channel alerts for new articles', () => {
      it('announces nothing on a first start, and records the corpus as seen', async () => {
        const t = await start();
        await t.brief.alertsIdle();
        expect(posts(fake)).toEqual([]);
        expect(Object.keys(await t.brief.state.alerts.known())).toHaveLength(2);
        expect(t.logs.some((l) => l.msg === 'first start: the corpus as found is recorded as seen; nothing announced')).toBe(true);
      });

      it('announces a dropped article once in every alert channel, and /brief answers from it without a restart', async () => {
        const t = await start();
        await dropArticle(dirs.corpusDir, 'wyden.md', WYDEN);
        await fake.waitFor(() => posts(fake).length === 2);
        for (const channel of ALERT_CHANNELS) {
          const [post] = posts(fake, channel);
          const text = allText(post!.body.blocks);
          expect(text).toContain('New in the corpus: *<https://capitol.example/wyden|Wyden Demands Briefing On Cyber Pause>*');
          expect(text).toContain('Capitol Wire · 5 Mar 2025');
          expect(text).toContain('Senator Ron Wyden demanded a classified briefing');
          // The repeated Hegseth paragraph was carried by the bundled article, which has no outlet: its headline stands in.
          expect(text).toContain('also covered by Pentagon Halts U.S. Cyber Offensive Attacks');
          expect(text).toContain('Only the lead above is new to the corpus (1 of 2 passages)');
          // Form-encoded, as the Web client sends it.
          expect(post!.body).toMatchObject({ unfurl_links: 'false', unfurl_media: 'false', metadata: { event_type: 'brief_alert' } });
        }
        await t.command('what did Wyden demand', 'ask1');
        expect(allText((await responseTo(fake, 'ask1')).body.blocks)).toContain('Wyden Demands Briefing On Cyber Pause');
        await t.brief.alertsIdle();
        expect(posts(fake)).toHaveLength(2);
        expect(
          t.logs
            .filter((l) => l.msg === 'alert posted')
            .map((l) => l.channel)
            .sort(),
        ).toEqual([...ALERT_CHANNELS].sort());
        expect(JSON.stringify(t.logs)).not.toContain('xoxb-test-token');
      });

      it('waits for a half-written file and rapid saves, ignores editor temp files, then alerts once with the whole article', async () => {
        // The watcher's clock runs with the real one until `ahead` moves it past every settle window.
        let ahead = 0;
        await start({}, { ...FAST_TIMINGS, watch: { ...FAST_TIMINGS.watch, now: () => Date.now() + ahead } });
        await writeFile(path.join(dirs.corpusDir, '.wyden.md.swp'), 'swap');
        await writeFile(path.join(dirs.corpusDir, 'wyden.md~'), WYDEN);
        const file = path.join(dirs.corpusDir, 'wyden.md');
        await writeFile(file, WYDEN.slice(0, 120));
        for (const piece of [WYDEN.slice(120, 200), WYDEN.slice(200, 300), `${WYDEN.slice(300)}\nThe final paragraph arrived last.\n`]) {
          await new Promise((r) => setTimeout(r, 40));
          await appendFile(file, piece);
        }
        await fake.waitFor(() => posts(fake).length === 2);
        await running!.brief.alertsIdle();
        // Two scans with the watcher's clock past every settle window: whatever was still settling, or
        // is seen as changed only now, is loaded by the second, and its alerts are posted before idle.
        for (const step of [1, 2]) {
          ahead = step * 60_000;
          await running!.brief.rescan();
        }
        await running!.brief.alertsIdle();
        expect(posts(fake)).toHaveLength(2);
        expect(allText(posts(fake, 'C0ALERTS')[0]!.body.blocks)).toContain('The final paragraph arrived last.');
      });

      it('re-indexes a typo fix silently, announces a change of substance as an update, and drops a deleted article silently', async () => {
        const t = await start();
        await dropArticle(dirs.corpusDir, 'wyden.md', WYDEN);
        await fake.waitFor(() => posts(fake).length === 2);
        await dropArticle(dirs.corpusDir, 'wyden.md', WYDEN.replace('classified', 'clasified'));
        await expect
          .poll(() => t.logs.some((l) => l.msg === 're-indexed without announcing: no change of substance'), { timeout: 5000 })
          .toBe(true);
        await dropArticle(dirs.corpusDir, 'wyden.md', `${WYDEN}\nThe Pentagon refused the briefing on Thursday.\n`);
        await fake.waitFor(() => posts(fake).length === 4);
        const update = allText(posts(fake, 'C0ALERTS')[1]!.body.blocks);
        expect(update).toContain('Updated: *<https://capitol.example/wyden|Wyden Demands Briefing On Cyber Pause>*');
        expect(update).toContain('The Pentagon refused the briefing on Thursday.');
        await unlink(path.join(dirs.corpusDir, 'wyden.md'));
        await expect.poll(() => t.brief.current()?.engine.article('wyden'), { timeout: 5000 }).toBeUndefined();
        await t.brief.alertsIdle();
        expect(posts(fake)).toHaveLength(4);
      });

      it('does not announce a malformed file, logs why, and keeps working', async () => {
        const t = await start();
        await writeFile(path.join(dirs.corpusDir, 'broken.md'), '---\ntitle: [unclosed\n---\n\nBody.\n');
        await expect
          .poll(() => t.logs.find((l) => l.msg === 'skipped corpus file')?.reason, { timeout: 5000 })
          .toMatch(/front matter is not valid YAML/);
        await dropArticle(dirs.corpusDir, 'wyden.md', WYDEN);
        await fake.waitFor(() => posts(fake).length === 2);
        expect(posts(fake).every((c) => !allText(c.body).includes('unclosed'))).toBe(true);
        expect((await fetch(`http://127.0.0.1:${t.brief.port}/healthz`)).status).toBe(200);
      });

      it('turns a burst of 50 files into one digest per channel', async () => {
        await start();
        await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            writeFile(
              path.join(dirs.corpusDir, `burst-${i}.md`),
              articleText(`Burst Story Number ${i}`, `Paragraph ${i}: the cyber pause affected team ${i} in its own way.`),
            ),
          ),
        );
        await fake.waitFor(() => posts(fake).length >= 2, 8000);
        await running!.brief.alertsIdle();
        expect(posts(fake)).toHaveLength(2);
        const digest = allText(posts(fake, 'C0NEWS')[0]!.body.blocks);
        expect(digest).toContain('50 articles added to the corpus');
        for (let i = 0; i < 50; i++) expect(digest).toContain(`Burst Story Number ${i}>`);
      });

      it('waits out a 429 from Slack and posts the alert once, without losing it', async () => {
        const t = await start({ alertChannels: ['C0ALERTS'] });
        fake.script('chat.postMessage', (_call, count) =>
          count === 1 ? { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } } : undefined,
        );
        await dropArticle(dirs.corpusDir, 'wyden.md', WYDEN);
        await fake.waitFor(() => posts(fake).length === 1, 8000);
        await t.brief.alertsIdle();
        expect(posts(fake)).toHaveLength(1);
        expect(t.logs.some((l) => l.msg === 'Slack rate-limited the post; waiting, then posting it again' && l.retryAfterS === 1)).toBe(
          true,
        );
      });
    });

    describe('memory across restarts', () => {
      it('announces an article added while Brief was down exactly once, and nothing on the next start', async () => {
        await (await start()).brief.alertsIdle();
        await running!.stop();
        await dropArticle(dirs.corpusDir, 'wyden.md', WYDEN);
        const second = await start();
        await fake.waitFor(() => posts(fake).length === 2);
        await second.brief.alertsIdle();
        await second.stop();
        await start();
        await running!.brief.alertsIdle();
        expect(headlineCount(fake, 'Wyden Demands Briefing On Cyber Pause')).toBe(2);
        expect(posts(fake)).toHaveLength(2);
      });

      it('reports a corrupt state file of an install from before the database, sets it aside and does not flood', async () => {
        await mkdir(dirs.stateDir, { recursive: true });
        await writeFile(path.join(dirs.stateDir, 'alerts.json'), '{"version": 1, "artic');
        await dropArticle(dirs.corpusDir, 'wyden.md', WYDEN);
        const t = await start();
        await t.brief.alertsIdle();
        expect(posts(fake)).toEqual([]);
        expect(t.logs.find((l) => l.level === 50)?.msg).toMatch(/alert state is corrupt: set aside/);
        expect((await readdir(dirs.stateDir)).some((f) => f.startsWith('alerts.json.corrupt-'))).toBe(true);
      });
    });

    describe('/brief watch', () => {
      it('posts the answer in the channel when a new article answers the watched question, and not otherwise', async () => {
        const t = await start({ alertChannels: [] });
        await t.command('help', 'w0');
        expect(allText((await responseTo(fake, 'w0')).body.blocks)).toMatch(
          /\/brief watch &lt;question&gt;.*\/brief watches.*\/brief unwatch &lt;n&gt;/s,
        );
        await t.command('watch what did Wyden demand', 'w1');
        expect((await responseTo(fake, 'w1')).body.text).toMatch(/Watching #1: _what did Wyden demand_/);
        await t.command('watches', 'w2');
        expect(allText((await responseTo(fake, 'w2')).body)).toMatch(/#1\* _what did Wyden demand_/);

        await dropArticle(
          dirs.corpusDir,
          'ferry.md',
          articleText('Ferries Keep Running', 'Ferries will keep running while the bridge is built, the transport office confirmed.'),
        );
        await expect.poll(() => t.brief.current()?.engine.article('ferry'), { timeout: 5000 }).toBeDefined();
        await t.brief.alertsIdle();
        expect(posts(fake)).toEqual([]);

        await dropArticle(dirs.corpusDir, 'wyden.md', WYDEN);
        await fake.waitFor(() => posts(fake).length === 1);
        const hit = posts(fake, 'C0DESK')[0]!;
        expect(allText(hit.body.blocks)).toMatch(/watched question #1/);
        expect(allText(hit.body.blocks)).toMatch(/\*Wyden\*.*\*demanded\*/s);
        expect(allText(hit.body.blocks)).toContain('<https://capitol.example/wyden|Wyden Demands Briefing On Cyber Pause>');

        await t.command('unwatch 1', 'w3');
        expect((await responseTo(fake, 'w3')).body.text).toMatch(/Stopped watching #1/);
        await t.command('unwatch 1', 'w4');
        expect((await responseTo(fake, 'w4')).body.text).toMatch(/no watch #1 in this channel/);
      });

      it('keeps watches across a restart, and says so when Brief cannot post in the channel', async () => {
        const t = await start({ alertChannels: [] });
        await t.command('watch who ordered the pause', 'k1');
        await responseTo(fake, 'k1');
        await t.stop();
        const again = await start({ alertChannels: [] });
        await again.command('watches', 'k2');
        expect(allText((await responseTo(fake, 'k2')).body)).toContain('who ordered the pause');
        fake.script('conversations.history', () => ({ body: { ok: false, error: 'not_in_channel' } }));
        await again.command('watch why was it paused', 'k3', 'C0PRIVATE');
        expect((await responseTo(fake, 'k3')).body.text).toMatch(/not a member of this channel/);
      });
    });
  });
