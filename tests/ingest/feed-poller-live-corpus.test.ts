/**
 * The bot's feed poller checks items against the articles the live corpus has loaded (as
 * start-brief.ts wires it), extended by each article it writes: no corpus file is read per item.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLiveCorpus, type LiveCorpus } from '../../src/corpus/live-corpus.ts';
import { captureLogger } from '../helpers.ts';
import { useFeedTest } from './feed-test-setup.ts';
import { fixture, RSS } from './web-server.ts';

const t = useFeedTest();
let live: LiveCorpus | undefined;
afterEach(() => {
  live?.stop();
  live = undefined;
});

/** The corpus as the bot holds it, with a watcher that scans only when the test calls rescan(). */
async function startLive(): Promise<LiveCorpus> {
  const watch = { settleMs: 0, setTimer: () => () => undefined };
  live = startLiveCorpus(t.corpusDir, captureLogger().logger, { indexCache: false, workerFrom: false, watch });
  await live.ready;
  return live;
}

const duplicateLines = (lines: Record<string, unknown>[]) =>
  lines.filter((l) => String(l.msg).startsWith('feed item already in the corpus'));

/** The Atom feed's item, then both feeds with the RSS items re-dated into the last hour (as in feed-poller.test.ts). */
async function pollAtomThenBoth(corpus: LiveCorpus, beforeSecond: () => Promise<void>) {
  await t.writeFeeds('{{BASE}}/atom.xml');
  await t.poller().pollOnce();
  await beforeSecond();
  await t.writeFeeds('{{BASE}}/atom.xml', '{{BASE}}/rss.xml');
  t.web.routes.set('/rss.xml', { headers: RSS, body: await fixture('feed-rss-reordered.xml') });
  const { logger, lines } = captureLogger();
  const summary = await t.poller(logger, { backfillWindowMs: 3600_000, duplicateIndex: () => corpus.duplicates }).pollOnce();
  return { summary, lines };
}

describe('createFeedPoller over the live corpus', () => {
  it('refuses duplicates of what is loaded without reading the folder, and a copy of an item written in the same poll', async () => {
    await mkdir(t.corpusDir, { recursive: true });
    const corpus = await startLive();
    const { summary, lines } = await pollAtomThenBoth(corpus, async () => {
      await corpus.rescan();
      // Every article file now holds no article: a poller that read the folder would find nothing in it.
      for (const name of await readdir(t.corpusDir)) {
        if (name.endsWith('.md')) await writeFile(path.join(t.corpusDir, name), 'not an article');
      }
    });
    expect(summary.written).toHaveLength(3);
    expect(summary.duplicates).toBe(2);
    expect(duplicateLines(lines)).toEqual([
      // Written earlier in this same poll (undated, 11:59): found by the per-article extension.
      expect.objectContaining({ item: `${t.web.base}/articles/old-story`, reason: 'near-identical-text' }),
      // Loaded by the live corpus before the poll; its file on disk no longer says so.
      expect.objectContaining({ item: `${t.web.base}/articles/schumer`, reason: 'same-url', file: expect.stringContaining('schumer') }),
    ]);
    expect((await t.corpusFiles()).filter((f) => f.includes('schumer'))).toHaveLength(1);
  });

  it('follows the live corpus: an article deleted by hand and reloaded is no longer a duplicate', async () => {
    await mkdir(t.corpusDir, { recursive: true });
    const corpus = await startLive();
    const { summary, lines } = await pollAtomThenBoth(corpus, async () => {
      await corpus.rescan();
      expect(corpus.current()!.engine.stats().articles).toBe(1);
      await rm(path.join(t.corpusDir, '2025-03-03-schumer-calls-cyber-pause-a-huge-mistake.md'));
      await corpus.rescan();
      expect(corpus.current()!.engine.stats().articles).toBe(0);
    });
    expect(summary.written).toHaveLength(4);
    expect(summary.duplicates).toBe(1);
    expect(duplicateLines(lines)).toEqual([
      expect.objectContaining({ item: `${t.web.base}/articles/old-story`, reason: 'near-identical-text' }),
    ]);
    expect((await t.corpusFiles()).filter((f) => f.includes('schumer'))).toHaveLength(1);
  });
});
