/** One contender, one corpus: build time, load time, memory after load, query latency. */
import { buildPassages } from '../src/core/passages.ts';
import type { Article } from '../src/core/types.ts';
import type { Contender } from './peers.ts';

export interface BuildFigures { passages: number; buildMs: number; indexMB: number }
export interface LoadFigures { loadMs: number; heapMB: number; rssMB: number; medianMs: number; p99Ms: number }
export interface BenchRow extends BuildFigures, LoadFigures { contender: string; copies: number; articles: number; questions: number }

const MB = 1024 * 1024;
const gc = (): void => { (globalThis as { gc?: () => void }).gc?.(); };

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
 * Loads a serialised index (`read` includes reading the file, as a start-up does), then measures
 * memory after a GC and the latency of each question, after one untimed warm-up pass.
 */
export function measureLoadAndQuery(contender: Contender, read: () => Buffer, articles: readonly Article[], questions: readonly string[]): LoadFigures {
  gc();
  const started = performance.now();
  const loaded = contender.load(read(), articles);
  const loadMs = performance.now() - started;
  gc();
  const { heapUsed, rss } = process.memoryUsage();
  for (const q of questions) loaded.query(q);
  const times = questions.map((q) => {
    const t = performance.now();
    loaded.query(q);
    return performance.now() - t;
  }).sort((a, b) => a - b);
  return { loadMs, heapMB: heapUsed / MB, rssMB: rss / MB, medianMs: quantile(times, 0.5), p99Ms: quantile(times, 0.99) };
}

/** Everything in this process (no clean memory figures; for the smoke test and quick looks). */
export function benchInProcess(contenders: readonly Contender[], articles: readonly Article[], questions: readonly string[], copies = 1): BenchRow[] {
  return contenders.map((c) => {
    const { serialized, ...build } = measureBuild(c, articles);
    const load = measureLoadAndQuery(c, () => serialized, articles, questions);
    return { contender: c.name, copies, articles: articles.length, questions: questions.length, ...build, ...load };
  });
}
