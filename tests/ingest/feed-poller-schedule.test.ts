import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { captureLogger } from '../helpers.ts';
import { messages, useFeedTest } from './feed-test-setup.ts';
import { fixture, HTML } from './web-server.ts';

const t = useFeedTest();

/** Timers the test fires by hand: no real minutes pass. */
function fakeTimers() {
  const pending = new Map<number, { callback: () => void; ms: number }>();
  let next = 1;
  return {
    pending,
    cleared: [] as unknown[],
    setTimeout(callback: () => void, ms: number): unknown {
      pending.set(next, { callback, ms });
      return next++;
    },
    clearTimeout(handle: unknown) {
      this.cleared.push(handle);
      pending.delete(handle as number);
    },
    /** Runs the one scheduled callback. */
    fire() {
      expect(pending.size).toBe(1);
      const [id, timer] = [...pending.entries()][0]!;
      pending.delete(id);
      timer.callback();
    },
  };
}

describe('createFeedPoller: schedule', () => {
  it('polls at start, then once per interval after each poll ends, and stop cancels the next one', async () => {
    await t.writeFeeds('{{BASE}}/rss.xml');
    const timers = fakeTimers();
    const { logger, lines } = captureLogger();
    const p = t.poller(logger, {
      intervalMs: 60_000,
      setTimeout: (cb, ms) => timers.setTimeout(cb, ms),
      clearTimeout: (h) => timers.clearTimeout(h),
    });
    p.start();
    p.start(); // a second start does not start a second loop
    await p.pollOnce(); // joins the poll in flight
    await new Promise((resolve) => setImmediate(resolve));
    expect([...timers.pending.values()].map((x) => x.ms)).toEqual([60_000]);
    expect(t.web.hits('/rss.xml')).toBe(1);

    timers.fire();
    await p.pollOnce();
    await new Promise((resolve) => setImmediate(resolve));
    expect(t.web.hits('/rss.xml')).toBe(2);
    expect(timers.pending.size).toBe(1);

    await p.stop();
    expect(timers.pending.size).toBe(0);
    expect(timers.cleared).toHaveLength(1);
    expect(messages(lines).filter((m) => m === 'feed poll finished')).toHaveLength(2);
  });

  it('stop waits for the poll in flight; what it cut short is fetched by the next poller, once', async () => {
    t.web.routes.set('/articles/pentagon-pause', { delayMs: 300, headers: HTML, body: await fixture('article.html') });
    await t.writeFeeds('{{BASE}}/rss.xml');
    const timers = fakeTimers();
    const { logger, lines } = captureLogger();
    const p = t.poller(logger, { setTimeout: (cb, ms) => timers.setTimeout(cb, ms), clearTimeout: (h) => timers.clearTimeout(h) });
    p.start();
    while (t.web.hits('/articles/pentagon-pause') === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await p.stop();
    // The poll had ended (and saved its state) by the time stop resolved, and nothing is scheduled after it.
    expect(messages(lines)).toContain('feed poll finished');
    expect(timers.pending.size).toBe(0);
    expect(lines.filter((l) => Number(l.level) >= 40)).toEqual([]);
    const firstFiles = await t.corpusFiles();
    expect(firstFiles).not.toContain('2025-03-03-pentagon-pauses-offensive-cyber-operations-against-russia.md');

    const after = await t.poller().pollOnce();
    expect(after.written.length + firstFiles.length).toBe(2);
    expect(await t.corpusFiles()).toContain('2025-03-03-pentagon-pauses-offensive-cyber-operations-against-russia.md');
  });

  it('keeps polling after a poll that throws, logging the error', async () => {
    await t.writeFeeds('{{BASE}}/rss.xml');
    await writeFile(t.corpusDir, 'a file where the corpus folder should be');
    const timers = fakeTimers();
    const { logger, lines } = captureLogger();
    const p = t.poller(logger, { setTimeout: (cb, ms) => timers.setTimeout(cb, ms), clearTimeout: (h) => timers.clearTimeout(h) });
    p.start();
    await p.pollOnce().catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.find((l) => l.level === 50)).toMatchObject({
      msg: 'feed poll failed; trying again at the next interval',
      err: expect.objectContaining({ code: 'ENOTDIR' }),
    });
    expect(timers.pending.size).toBe(1);
    await p.stop();
  });
});
