import { cp } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { BUNDLED_CORPUS } from '../helpers.ts';
import { startTestBrief } from '../slack/harness.ts';
import { NOW, useFeedTest } from './feed-test-setup.ts';

describe('the running bot polls FEEDS', () => {
  const t = useFeedTest();

  it('writes new feed items into the corpus on start, and stops polling with the bot', async () => {
    await cp(BUNDLED_CORPUS, t.corpusDir, { recursive: true });
    await t.writeFeeds('{{BASE}}/rss.xml');
    const before = await t.corpusFiles();
    const bot = await startTestBrief({ corpusDir: t.corpusDir, now: () => NOW, config: { feeds: { file: t.feedsFile, intervalMs: 60_000, backfillWindowMs: 24 * 3_600_000 } } });
    try {
      await expect.poll(async () => (await t.corpusFiles()).length, { timeout: 10_000 }).toBeGreaterThan(before.length);
      const added = (await t.corpusFiles()).filter((f) => !before.includes(f));
      expect(added.length).toBeGreaterThan(0);
      expect(bot.logs.some((l) => l.component === 'feeds')).toBe(true);
    } finally {
      await bot.stop();
    }
    const requests = t.web.requests.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(t.web.requests.length).toBe(requests);
  });
});
