/**
 * Worker thread entry (see build-in-worker.ts): builds the engine over the articles it is given,
 * encodes it as the index cache file's lines (MiniSearch's serialisation, index-cache.ts), writes
 * the file when asked, and posts the lines back: strings copy fast, and the main thread parses
 * them a line per event-loop turn.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine, type EngineOptions } from '../core/engine.ts';
import type { Article } from '../core/types.ts';
import { encodeIndexCache, writeIndexCache } from './index-cache.ts';

export interface EngineBuildRequest { articles: Article[]; engineOptions: EngineOptions; cache?: { file: string; fingerprint: string } }
export interface EngineBuildReply { lines: string[]; fingerprint: string; cacheError?: string }

/** The fingerprint the lines carry when no cache file is written (the main thread checks it back). */
export const UNCACHED_FINGERPRINT = 'worker';

const { articles, engineOptions, cache } = workerData as EngineBuildRequest;
const snapshot = createEngine(articles, engineOptions).snapshot();
const fingerprint = cache?.fingerprint ?? UNCACHED_FINGERPRINT;
const lines = encodeIndexCache(fingerprint, snapshot, articles);
let cacheError: string | undefined;
if (cache) {
  try {
    await writeIndexCache(cache.file, cache.fingerprint, snapshot, articles, lines);
  } catch (err) {
    cacheError = (err as Error).message;
  }
}
const reply: EngineBuildReply = { lines, fingerprint, ...(cacheError ? { cacheError } : {}) };
parentPort?.postMessage(reply);
