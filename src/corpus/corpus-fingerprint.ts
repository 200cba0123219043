/** The persisted index's key: everything the engine is built from, hashed. */
import { createHash } from 'node:crypto';
import type { EngineOptions } from '../core/engine.ts';
import { SNAPSHOT_FORMAT } from '../core/snapshot.ts';
import type { Article } from '../core/types.ts';
import { articleDigest } from './article-hash.ts';
import { INDEX_CACHE_FORMAT } from './index-cache.ts';
import { lockfileHash, sourceHash } from './source-hash.ts';

/**
 * A hash of the engine's source (src/core) and the library versions, so any change to how passages or the index are made invalidates
 * caches.
 */
export async function engineCodeHash(): Promise<string> {
  return `${await sourceHash(new URL('../core/', import.meta.url))}:${await lockfileHash()}`;
}

/** Sets become sorted arrays so options hash the same however they were built. */
function stableReplacer(_key: string, value: unknown): unknown {
  return value instanceof Set ? [...value].map(String).sort() : value;
}

/**
 * The cache key: formats, engine code, engine options (synonyms included) and every article as
 * loaded, by its id and content digest. `digests` (article id → articleDigest) saves hashing
 * articles whose digest is already known; any missing one is computed.
 */
export async function corpusFingerprint(
  articles: readonly Article[],
  engineOptions: EngineOptions,
  digests?: ReadonlyMap<string, string>,
): Promise<string> {
  const { persistedIndex: _ignored, ...options } = engineOptions;
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ INDEX_CACHE_FORMAT, SNAPSHOT_FORMAT, code: await engineCodeHash() }));
  hash.update(JSON.stringify(options, stableReplacer));
  // By id, so the order files were read in (concurrently, or as they changed) never misses the cache.
  const byId = [...articles].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const a of byId)
    hash
      .update('\0')
      .update(a.id)
      .update('\0')
      .update(digests?.get(a.id) ?? articleDigest(a));
  return hash.digest('hex');
}
