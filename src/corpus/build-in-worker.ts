/**
 * Builds the engine in a worker thread. Indexing 100k passages takes about 15 s of CPU; on the main
 * thread that would stall every Slack request (acks are due within 3 s) until it finished. In a
 * worker, the main thread only copies the articles in and restores the finished snapshot (a few
 * hundred ms at 100k), and keeps serving the previous engine meanwhile.
 */
import { Worker } from 'node:worker_threads';
import { createEngine, type Engine, type EngineOptions } from '../core/engine.ts';
import { SNAPSHOT_FORMAT } from '../core/snapshot.ts';
import type { Article } from '../core/types.ts';
import type { CompactIndexData } from '../core/compact-index.ts';
import type { EngineBuildRequest } from './engine-build-worker.ts';
import { restoreStoredPassages, type StoredPassage } from './index-cache.ts';

// Run from src/ (TypeScript, through tsx) or from dist/ (compiled JavaScript).
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(`./engine-build-worker.${FROM_SOURCE ? 'ts' : 'js'}`, import.meta.url);

/** The engine over `articles`, built in a worker thread, which also writes the index cache when `cache` is given. */
export function buildEngineInWorker(
  articles: readonly Article[], engineOptions: EngineOptions, cache?: EngineBuildRequest['cache'],
): Promise<{ engine: Engine; cacheError?: string }> {
  return new Promise((resolve, reject) => {
    const request: EngineBuildRequest = { articles: [...articles], engineOptions, ...(cache ? { cache } : {}) };
    const worker = FROM_SOURCE
      // From source, the worker registers tsx itself: a worker's own --import runs too late for its entry module on Node 20.
      ? new Worker(`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`, { eval: true, workerData: request })
      : new Worker(WORKER_URL, { workerData: request });
    let settled = false;
    worker.once('message', (message: { passages: StoredPassage[]; index: CompactIndexData; cacheError?: string }) => {
      settled = true;
      try {
        const passages = restoreStoredPassages(message.passages, articles);
        if (typeof passages === 'string') throw new Error(passages);
        const engine = createEngine(articles, { ...engineOptions, persistedIndex: { format: SNAPSHOT_FORMAT, passages, index: message.index } });
        resolve({ engine, ...(message.cacheError ? { cacheError: message.cacheError } : {}) });
      } catch (err) {
        reject(err as Error);
      }
    });
    worker.once('error', (err) => { if (!settled) { settled = true; reject(err); } });
    worker.once('exit', (code) => { if (!settled) { settled = true; reject(new Error(`the engine build worker exited with code ${code}`)); } });
  });
}
