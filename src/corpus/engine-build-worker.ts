/**
 * Worker thread entry (see build-in-worker.ts): builds the engine over the articles it is given,
 * writes the index cache when asked, and posts back the snapshot, its postings transferred, not copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine, type EngineOptions } from '../core/engine.ts';
import type { Article } from '../core/types.ts';
import { writeIndexCache } from './index-cache.ts';
import { storePassages } from './stored-passages.ts';

export interface EngineBuildRequest { articles: Article[]; engineOptions: EngineOptions; cache?: { file: string; fingerprint: string } }

const { articles, engineOptions, cache } = workerData as EngineBuildRequest;
const snapshot = createEngine(articles, engineOptions).snapshot();
let cacheError: string | undefined;
if (cache) {
  try {
    await writeIndexCache(cache.file, cache.fingerprint, snapshot, articles);
  } catch (err) {
    cacheError = (err as Error).message;
  }
}
const { index } = snapshot;
// Passages as offsets into the bodies: a smaller message, and the main thread's texts become slices of its own bodies.
const message = { passages: storePassages(snapshot.passages, articles), index, cacheError };
parentPort?.postMessage(message, index.fields.flatMap((f) => [f.offsets.buffer, f.docs.buffer, f.tfs.buffer, f.lengths.buffer] as ArrayBuffer[]));
