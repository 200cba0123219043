/**
 * An install from before the database: its JSON state files are imported once, in one
 * transaction, then renamed aside; nothing is lost, nothing imported twice. The last test runs
 * the real bot on such a folder: the alert it still owed is posted once and its watch is listed.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCorpus } from '../../src/corpus/open-corpus.ts';
import { articleHash } from '../../src/corpus/article-hash.ts';
import { JSON_IMPORT_KEY } from '../../src/state/import-json-state.ts';
import { articleText, dropArticle, posts, responseTo, serveHistory, startAlertBrief, tempDirs } from '../alerts/alert-harness.ts';
import { allText } from '../slack/harness.ts';
import { startFakeSlack } from '../slack/fake-slack.ts';
import { captureLogger } from '../helpers.ts';
import {
  BACKENDS,
  openTestState,
  PG_SKIP_REASON,
  skipBackend,
  testStateConfig,
  warnIfNoPostgres,
  minimalBriefing as briefing,
} from './test-databases.ts';

warnIfNoPostgres();

const entry = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
  id,
  channel: 'C0ALERTS',
  kind: 'article',
  covers: [`${id}@h`],
  createdAt: '2025-03-03T10:00:00.000Z',
  status,
  attempts: status === 'pending' ? 0 : 1,
  message: { text: `alert ${id}`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `alert ${id}` } }] },
  ...extra,
});

/** Every kind of state file an old install had. */
async function writeOldInstall(
  dir: string,
  known: Record<string, { seen: string; basis: string }> = { a: { seen: 'h1', basis: 'h0' } },
  outbox: unknown[] = [
    entry('sent1', 'sent', { ts: '1.1' }),
    entry('owed1', 'pending'),
    entry('maybe1', 'posting', { postingSince: '2025-03-03T10:00:01.000Z' }),
  ],
) {
  await mkdir(path.join(dir, 'briefings'), { recursive: true });
  await mkdir(path.join(dir, 'briefing-slots'), { recursive: true });
  const json = (name: string, value: unknown) => writeFile(path.join(dir, name), `${JSON.stringify(value, null, 2)}\n`);
  await json('alerts.json', { version: 1, articles: known, outbox });
  await json('article-versions.json', { version: 1, articles: { a: { hash: 'h0', title: 'A', sentences: ['One.', 'Two.'] } } });
  await json('watches.json', {
    version: 1,
    nextId: 4,
    watches: [{ id: 3, channel: 'C0DESK', question: 'who ordered the pause', createdBy: 'U1', createdAt: '2025-03-02T09:00:00.000Z' }],
  });
  await json('feeds.json', {
    version: 1,
    feeds: {
      'https://a.example/rss': {
        firstPolledAt: '2025-03-01T00:00:00.000Z',
        etag: '"e1"',
        seen: { 'guid:1': '2025-03-01T00:00:00.000Z' },
        failures: { 'guid:2': 1 },
      },
    },
  });
  await writeFile(
    path.join(dir, 'feedback.jsonl'),
    `${JSON.stringify({ at: '2025-03-03T10:00:00.000Z', vote: 'up', user: 'U1', question: 'q', answer: 'a' })}\nnot json\n`,
  );
  await json('briefings/C0DESK.json', {
    version: 1,
    place: 'C0DESK',
    briefings: [briefing('2025-03-01T07:00:00.000Z'), briefing('2025-03-02T07:00:00.000Z')],
  });
  await json('briefing-slots/2025-03-02T12-00-00.000Z.json', {
    slot: '2025-03-02T12:00:00.000Z',
    status: 'posted',
    channel: 'C0ONCALL',
    catchUp: false,
    startedAt: '2025-03-02T12:00:00.000Z',
    ts: ['9.9'],
  });
  await json('briefing-schedule.json', {
    version: 1,
    schedule: { cron: '0 12 * * *', timeZone: 'UTC', channel: 'C0ONCALL', since: '2025-02-01T00:00:00.000Z' },
  });
}

for (const backend of BACKENDS) {
  describe.skipIf(skipBackend(backend))(
    `importing the JSON state on ${backend}${skipBackend(backend) ? ` (${PG_SKIP_REASON})` : ''}`,
    () => {
      it('carries every kind of state over once, renames the files aside and logs what it imported', async () => {
        const config = await testStateConfig(backend);
        await writeOldInstall(config.stateDir);
        const { logger, lines } = captureLogger();
        const state = await openTestState(config, logger, { now: () => new Date('2025-03-04T00:00:00Z') });

        expect(await state.alerts.firstStart()).toBe(false);
        expect(await state.alerts.known()).toEqual({ a: { seen: 'h1', basis: 'h0' } });
        expect((await state.alerts.unsent()).map((e) => [e.id, e.status])).toEqual([
          ['owed1', 'pending'],
          ['maybe1', 'posting'],
        ]);
        expect(await state.alerts.entry('sent1')).toMatchObject({ status: 'sent', ts: '1.1', message: { text: 'alert sent1' } });
        expect(await state.alerts.entry('maybe1')).toMatchObject({ postingSince: '2025-03-03T10:00:01.000Z', attempts: 1 });
        expect(await state.articleVersions.all()).toEqual({ a: { hash: 'h0', title: 'A', sentences: ['One.', 'Two.'] } });
        expect(await state.watches.all()).toEqual([
          { id: 3, channel: 'C0DESK', question: 'who ordered the pause', createdBy: 'U1', createdAt: '2025-03-02T09:00:00.000Z' },
        ]);
        expect((await state.watches.add({ channel: 'C0DESK', question: 'why', createdBy: 'U2' })).id).toBe(4);
        expect((await state.feeds.load()).feeds['https://a.example/rss']).toMatchObject({ etag: '"e1"', failures: { 'guid:2': 1 } });
        expect(await state.feedback.all()).toEqual([
          { at: '2025-03-03T10:00:00.000Z', vote: 'up', user: 'U1', question: 'q', answer: 'a' },
        ]);
        expect((await state.briefings.read('C0DESK')).map((b) => b.asOf)).toEqual(['2025-03-01T07:00:00.000Z', '2025-03-02T07:00:00.000Z']);
        await state.briefings.record('C0DESK', briefing('2025-03-03T07:00:00.000Z'));
        expect((await state.briefings.read('C0DESK')).at(-1)?.asOf).toBe('2025-03-03T07:00:00.000Z');
        expect(await state.slots.get(new Date('2025-03-02T12:00:00Z'))).toMatchObject({ status: 'posted', ts: ['9.9'] });
        expect((await state.slots.open({ cron: '0 12 * * *', timeZone: 'UTC', channel: 'C0ONCALL' })).since.toISOString()).toBe(
          '2025-02-01T00:00:00.000Z',
        );

        const names = (await readdir(config.stateDir)).sort();
        expect(names.filter((n) => n.endsWith('.imported'))).toEqual([
          'alerts.json.imported',
          'article-versions.json.imported',
          'briefing-schedule.json.imported',
          'briefing-slots.imported',
          'briefings.imported',
          'feedback.jsonl.imported',
          'feeds.json.imported',
          'watches.json.imported',
        ]);
        expect(names.filter((n) => /\.(json|jsonl)$/.test(n))).toEqual([]);
        const report = lines.find((l) => String(l.msg).startsWith('JSON state from before the database imported'));
        expect(report).toMatchObject({
          knownArticles: 1,
          outbox: 3,
          articleVersions: 1,
          watches: 1,
          feeds: 1,
          feedback: 1,
          briefings: 2,
          briefingSlots: 1,
        });
        expect(JSON.stringify(report)).not.toMatch(/password|secret/);
        expect(
          lines.some(
            (l) =>
              l.msg === 'feedback lines that do not parse were not imported (the file is kept as feedback.jsonl.imported)' &&
              l.unreadable === 1,
          ),
        ).toBe(true);

        // Reopened: nothing is imported again; files put back by hand are renamed aside, not doubled.
        await state.close();
        await writeOldInstall(config.stateDir, {}, [entry('late1', 'pending')]);
        const again = await openTestState(config, captureLogger().logger);
        expect((await again.alerts.unsent()).map((e) => e.id)).toEqual(['owed1', 'maybe1']);
        expect(await again.watches.all()).toHaveLength(2);
        expect(await again.briefings.read('C0DESK')).toHaveLength(3);
        expect(await again.database.db.selectFrom('meta').select('value').where('key', '=', JSON_IMPORT_KEY).executeTakeFirst()).toEqual({
          value: '2025-03-04T00:00:00.000Z',
        });
      });

      it('imports nothing into a fresh database but still remembers that it looked', async () => {
        const config = await testStateConfig(backend);
        const { logger, lines } = captureLogger();
        const state = await openTestState(config, logger);
        expect(await state.alerts.firstStart()).toBe(true);
        expect(lines.some((l) => String(l.msg).startsWith('JSON state from before the database imported'))).toBe(false);
        expect(
          await state.database.db.selectFrom('meta').select('key').where('key', '=', JSON_IMPORT_KEY).executeTakeFirst(),
        ).toBeDefined();
      });
    },
  );
}

describe('the bot on an install from before the database', () => {
  it('posts the alert it still owed once, announces nothing already seen, lists the old watch, and announces a new article', async () => {
    const fake = await startFakeSlack();
    serveHistory(fake);
    const dirs = await tempDirs();
    try {
      const { engine, digests } = await openCorpus(dirs.corpusDir, captureLogger().logger);
      const known = Object.fromEntries(
        engine.articles.map((a) => {
          const h = articleHash(a, digests.get(a.id));
          return [a.id, { seen: h, basis: h }];
        }),
      );
      await writeOldInstall(dirs.stateDir, known, [entry('owed1', 'pending')]);
      const t = await startAlertBrief(fake, dirs);
      await t.brief.alertsIdle();
      expect(posts(fake).map((c) => c.body.text)).toEqual(['alert owed1']);
      await t.command('watches', 'w1', 'C0DESK');
      expect(allText((await responseTo(fake, 'w1')).body.blocks)).toMatch(/#3.*who ordered the pause/);
      await dropArticle(
        dirs.corpusDir,
        'later.md',
        articleText('A Later Story About The Pause', 'Officials said the pause on cyber operations would be reviewed next month.'),
      );
      await fake.waitFor(() => posts(fake).length === 3);
      expect(posts(fake).filter((c) => c.body.text === 'alert owed1')).toHaveLength(1);
      await t.stop();
    } finally {
      await fake.close();
      await dirs.cleanup();
    }
  }, 30_000);
});
