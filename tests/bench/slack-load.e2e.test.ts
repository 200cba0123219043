import { describe, expect, it } from 'vitest';
import { formatSlackLoad, runSlackLoad } from '../../bench/slack-load.ts';
import { BUNDLED_CORPUS } from '../helpers.ts';

// Smoke runs of the end-to-end benchmark: it works and reports, not how fast (npm run bench:slack measures that).
// e2e: each run spawns the bot (src/main.ts) and a load client process.
describe('bench: /brief under concurrent load', () => {
  it('answers every request of a small closed-loop run and prints the table', async () => {
    const result = await runSlackLoad({ requests: 24, concurrency: 4, warmup: 4, corpusDir: BUNDLED_CORPUS });
    expect(result.model).toBe('answer');
    expect(result.errors).toBe(0);
    expect(result.ackP99).toBeGreaterThanOrEqual(result.ackP50);
    expect(result.answerP50).toBeGreaterThan(0);
    expect(formatSlackLoad(result)).toMatch(/\| ack \(HTTP 200 to Slack\) \| [\d.]+ ms \| [\d.]+ ms \| [\d.]+ ms \|/);
    expect(formatSlackLoad(result)).toMatch(/load client event-loop lag: p50 [\d.]+ ms/);
  }, 60_000);

  it('runs the open-loop and ack-only models', async () => {
    const open = await runSlackLoad({ model: 'rate', rate: 200, requests: 20, concurrency: 1, corpusDir: BUNDLED_CORPUS });
    expect(open.errors).toBe(0);
    expect(formatSlackLoad(open)).toMatch(/open loop, Poisson arrivals at 200 requests\/s/);
    const ack = await runSlackLoad({ model: 'ack', requests: 20, concurrency: 4, corpusDir: BUNDLED_CORPUS });
    expect(ack.errors).toBe(0);
  }, 60_000);
});
