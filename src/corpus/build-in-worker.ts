/**
 * Builds the engine in a worker thread. Indexing 100k passages takes about 15 s of CPU; on the main
 * thread that would stall every Slack request (acks are due within 3 s) until it finished. In a
 * worker, the main thread only copies the articles in and restores the finished snapshot (parsed a
 * line per event-loop turn, index-cache.ts), and keeps serving the previous engine meanwhile.
 */
import { Worker } from 'node:worker_threads';
import { createEngine, type Engine, type EngineOptions } from '../core/engine.ts';
import type { Article } from '../core/types.ts';
import type { EngineBuildReply, EngineBuildRequest } from './engine-build-worker.ts';
import { decodeIndexCache } from './index-cache.ts';

// Run from src/ (TypeScript, through tsx) or from dist/ (compiled JavaScript).
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(`./engine-build-worker.${FROM_SOURCE ? 'ts' : 'js'}`, import.meta.url);

/** A build this long is stuck (a hung mount, say): the worker is stopped and the build fails. At 100k passages a build takes about 20 s. */
export const WORKER_BUILD_TIMEOUT_MS = 10 * 60_000;

export interface WorkerBuildOptions {
  /** Aborting stops the worker at once (shutting down mid-build); the build then fails with the signal's reason. */
  signal?: AbortSignal;
  /** Default WORKER_BUILD_TIMEOUT_MS. */
  timeoutMs?: number;
}

/** The engine over `articles`, built in a worker thread, which also writes the index cache when `cache` is given. */
export function buildEngineInWorker(
  articles: readonly Article[],
  engineOptions: EngineOptions,
  cache?: EngineBuildRequest['cache'],
  options: WorkerBuildOptions = {},
): Promise<{ engine: Engine; cacheError?: string }> {
  return new Promise((resolve, reject) => {
    const { signal } = options;
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const request: EngineBuildRequest = { articles: [...articles], engineOptions, ...(cache ? { cache } : {}) };
    const worker = FROM_SOURCE
      ? // From source, the worker registers tsx itself: a worker's own --import runs too late for its entry module on Node 20.
        new Worker(
          `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`,
          { eval: true, workerData: request },
        )
      : new Worker(WORKER_URL, { workerData: request });
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      cleanUp();
      void worker.terminate();
      reject(err);
    };
    const onAbort = () => fail(signal?.reason as Error);
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(
      () => fail(new Error(`the engine build worker took longer than ${options.timeoutMs ?? WORKER_BUILD_TIMEOUT_MS} ms`)),
      options.timeoutMs ?? WORKER_BUILD_TIMEOUT_MS,
    );
    timer.unref();
    const cleanUp = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    worker.once('message', (message: EngineBuildReply) => {
      if (settled) return;
      settled = true;
      cleanUp();
      void decodeIndexCache(message.bytes, message.fingerprint, articles)
        .then((read) => {
          if (read.status !== 'hit')
            throw new Error(`the engine build worker's reply did not load: ${read.status === 'corrupt' ? read.reason : read.status}`);
          const engine = createEngine(articles, { ...engineOptions, persistedIndex: read.snapshot });
          resolve({ engine, ...(message.cacheError ? { cacheError: message.cacheError } : {}) });
        })
        .catch((err: unknown) => reject(err as Error));
    });
    worker.once('error', fail);
    worker.once('exit', (code) => fail(new Error(`the engine build worker exited with code ${code}`)));
  });
}
