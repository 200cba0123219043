/**
 * The longest event-loop stall while the live corpus (as the bot runs it, src/corpus/live-corpus.ts)
 * starts warm from its caches and then reloads after one file changes: a timer every 5 ms records
 * the longest gap between its ticks. Run in a fresh process by bench/run.ts:
 *   reload-stall.ts <corpus dir>   → one JSON line { startMs, startStallMs, reloadMs, reloadStallMs, rssMB }
 * The caches must already be warm (bench/startup.ts leaves them so).
 */
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { readdirSync } from 'node:fs';
import { pino } from 'pino';
import { startLiveCorpus } from '../src/corpus/live-corpus.ts';

export interface ReloadFigures {
  startMs: number;
  startStallMs: number;
  reloadMs: number;
  reloadStallMs: number;
  rssMB: number;
}

/** The longest gap between ticks of a 5 ms timer since the last `take()`. */
function stallMonitor(): { take(): number; stop(): void } {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  return {
    take: () => {
      const now = performance.now();
      const value = Math.max(longest, now - last);
      longest = 0;
      last = now;
      return value;
    },
    stop: () => clearInterval(timer),
  };
}

export async function measureReloadStall(dir: string): Promise<ReloadFigures> {
  const logger = pino({ level: 'silent' });
  const monitor = stallMonitor();
  let loads = 0;
  let reloaded: () => void = () => {};
  const started = performance.now();
  const live = startLiveCorpus(dir, logger, {
    watch: { debounceMs: 10, settleMs: 50, rescanMs: 3_600_000 },
    onLoad: () => {
      loads += 1;
      if (loads > 1) reloaded();
    },
  });
  await live.ready;
  const startMs = performance.now() - started;
  const startStallMs = monitor.take();
  const file = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()[0]!;
  const done = new Promise<void>((resolve) => {
    reloaded = resolve;
  });
  const changedAt = performance.now();
  await appendFile(path.join(dir, file), '\nA sentence added to measure a reload.\n');
  await live.rescan();
  await done;
  const reloadMs = performance.now() - changedAt;
  const reloadStallMs = monitor.take();
  monitor.stop();
  live.stop();
  return { startMs, startStallMs, reloadMs, reloadStallMs, rssMB: process.memoryUsage().rss / 2 ** 20 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2];
  if (!dir) throw new Error('give the corpus folder');
  process.stdout.write(`${JSON.stringify(await measureReloadStall(dir))}\n`);
  process.exit(0);
}
