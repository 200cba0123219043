/**
 * Worker thread entry (see build-in-worker.ts): builds the engine over the articles it is given,
 * encodes it as the index cache file's lines (MiniSearch's serialisation, index-cache.ts), writes
 * the file when asked, and posts the file's bytes back, transferred, not copied (copying 50 MB of
 * strings into the main thread held its event loop for 0.2 s); the main thread decodes and parses
 * them a line per event-loop turn.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine, type EngineOptions } from '../core/engine.ts';
import type { Article } from '../core/types.ts';
import { encodeIndexCache, writeIndexCache } from './index-cache.ts';

export interface EngineBuildRequest {
  articles: Article[];
  engineOptions: EngineOptions;
  cache?: { file: string; fingerprint: string };
}
export interface EngineBuildReply {
  bytes: Uint8Array;
  fingerprint: string;
  cacheError?: string;
}

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
// Its own ArrayBuffer, not a slice of Node's shared pool, so that transferring it moves nothing else.
const bytes = Buffer.allocUnsafeSlow(lines.reduce((n, l) => n + Buffer.byteLength(l), 0));
lines.reduce((at, l) => at + bytes.write(l, at), 0);
const reply: EngineBuildReply = { bytes, fingerprint, ...(cacheError ? { cacheError } : {}) };
parentPort?.postMessage(reply, [bytes.buffer as ArrayBuffer]);
