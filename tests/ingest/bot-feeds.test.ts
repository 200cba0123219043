import { cp } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { BUNDLED_CORPUS } from '../helpers.ts';
import { createFakeClock } from '../schedule/fake-clock.ts';
import { startTestBrief } from '../slack/harness.ts';
import { NOW, useFeedTest } from './feed-test-setup.ts';

describe('the running bot polls FEEDS', () => {
  const t = useFeedTest();

  it('writes new feed items into the corpus on start, and stops polling with the bot', async () => {
    await cp(BUNDLED_CORPUS, t.corpusDir, { recursive: true });
    await t.writeFeeds('{{BASE}}/rss.xml');
    const before = await t.corpusFiles();
    // The poller's timers are the fake clock's: the next poll waits until the test moves time.
    const clock = createFakeClock(NOW.toISOString());
    const feeds = { file: t.feedsFile, intervalMs: 60_000, backfillWindowMs: 24 * 3_600_000 };
    const bot = await startTestBrief({ corpusDir: t.corpusDir, now: clock.now, timers: clock.timers, config: { feeds } });
    try {
      await expect.poll(async () => (await t.corpusFiles()).length, { timeout: 10_000 }).toBeGreaterThan(before.length);
      const added = (await t.corpusFiles()).filter((f) => !before.includes(f));
      expect(added.length).toBeGreaterThan(0);
      expect(bot.logs.some((l) => l.component === 'feeds')).toBe(true);
      // The first poll is over once the next one is scheduled.
      await expect.poll(() => clock.pending().map((p) => p.ms), { timeout: 10_000 }).toEqual([60_000]);
    } finally {
      await bot.stop();
    }
    // Stopped: no poll is scheduled, and time passing many intervals fetches nothing.
    expect(clock.pending()).toEqual([]);
    const requests = t.web.requests.length;
    await clock.advanceTo(new Date(NOW.getTime() + 10 * 60_000).toISOString());
    expect(t.web.requests.length).toBe(requests);
  });
});
