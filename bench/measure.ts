/** One contender, one corpus: build time, load time, memory after load, query latency. */
import { buildPassages } from '../src/core/passages.ts';
import type { Article } from '../src/core/types.ts';
import type { Contender } from './peers.ts';

export interface BuildFigures {
  passages: number;
  buildMs: number;
  indexMB: number;
}
export interface LoadFigures {
  loadMs: number;
  heapMB: number;
  loadRssMB: number;
  rssMB: number;
  peakRssMB: number;
  medianMs: number;
  p99Ms: number;
}
export interface BenchRow extends BuildFigures, LoadFigures {
  contender: string;
  corpus: string;
  articles: number;
  questions: number;
}

const MB = 1024 * 1024;
const gc = (): void => {
  (globalThis as { gc?: () => void }).gc?.();
};
/**
 * A GC, then time for V8 to hand freed memory back (large buffers are released by a background
 * task after the GC), then another: RSS read straight after one gc() still counted the 75 MB file
 * buffer a load had just dropped.
 */
const settleMemory = async (): Promise<void> => {
  gc();
  await new Promise((r) => setTimeout(r, 200));
  gc();
};

/** The q-quantile of sorted values (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Builds the contender's index; returns the figures and the serialised index. */
export function measureBuild(contender: Contender, articles: readonly Article[]): BuildFigures & { serialized: Buffer } {
  const passages = buildPassages(articles);
  const started = performance.now();
  const built = contender.build(articles, passages);
  const buildMs = performance.now() - started;
  const serialized = built.serialize();
  return { passages: passages.length, buildMs, indexMB: serialized.length / MB, serialized };
}

/**
 * Loads a serialised index (`read` includes reading the file, as a start-up does), answers the
 * `warmUp` questions untimed (the JIT warms up as in a running bot), then times each of `questions`
 * once: questions not asked before, so no word cache has seen them. Steady RSS: after the load, a
 * GC, a pause and another GC (`loadRssMB`), then after the questions the same way (`rssMB`, the
 * engine's word and passage caches filled); peak RSS: the process's maximum (loading included).
 */
export async function measureLoadAndQuery(
  contender: Contender,
  read: () => Buffer,
  articles: readonly Article[],
  questions: readonly string[],
  warmUp: readonly string[] = questions,
): Promise<LoadFigures> {
  await settleMemory();
  const started = performance.now();
  const loaded = await contender.load(read(), articles);
  const loadMs = performance.now() - started;
  await settleMemory();
  const afterLoad = process.memoryUsage();
  for (const q of warmUp) loaded.query(q);
  const times = questions
    .map((q) => {
      const t = performance.now();
      loaded.query(q);
      return performance.now() - t;
    })
    .sort((a, b) => a - b);
  await settleMemory();
  const afterQueries = process.memoryUsage();
  return {
    loadMs,
    heapMB: afterQueries.heapUsed / MB,
    loadRssMB: afterLoad.rss / MB,
    rssMB: afterQueries.rss / MB,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    medianMs: quantile(times, 0.5),
    p99Ms: quantile(times, 0.99),
  };
}

/** Everything in this process (no clean memory figures; for the smoke test and quick looks). */
export async function benchInProcess(
  contenders: readonly Contender[],
  articles: readonly Article[],
  questions: readonly string[],
  corpus = 'test',
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const c of contenders) {
    const { serialized, ...build } = measureBuild(c, articles);
    const load = await measureLoadAndQuery(c, () => serialized, articles, questions);
    rows.push({ contender: c.name, corpus, articles: articles.length, questions: questions.length, ...build, ...load });
  }
  return rows;
}
