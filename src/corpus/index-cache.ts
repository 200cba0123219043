/**
 * The persisted index: an engine snapshot on disk, keyed by a fingerprint of everything the
 * engine is built from (articles as loaded, synonyms, engine options, the engine's own code), so
 * an unchanged corpus starts without re-indexing and a changed one is never served stale.
 *
 * File layout (one file, three lines, so a mismatch is found by parsing only the first):
 *   1. `{"briefIndexCache":1,"fingerprint":"<sha256>"}`
 *   2. the passages (JSON array)
 *   3. MiniSearch's JSON for the index
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SNAPSHOT_FORMAT, type EngineSnapshot } from '../core/snapshot.ts';
import type { EngineOptions } from '../core/engine.ts';
import type { Article, Passage } from '../core/types.ts';

/** Bumped when the file layout above changes. */
export const INDEX_CACHE_FORMAT = 1;
/** Default cache folder, inside the corpus folder (hidden, so never read as an article). */
export const DEFAULT_CACHE_DIR_NAME = '.brief-cache';
export const INDEX_CACHE_FILE = 'index.json';

export type IndexCacheRead =
  | { status: 'missing' }
  | { status: 'hit'; snapshot: EngineSnapshot }
  /** Written for another corpus, other options or other code: rebuild. */
  | { status: 'stale' }
  | { status: 'corrupt'; reason: string };

const CORE_DIR = fileURLToPath(new URL('../core/', import.meta.url));
let coreCodeHash: Promise<string> | undefined;

/** A hash of the engine's source (src/core), so any change to how passages or the index are made invalidates caches. */
export function engineCodeHash(): Promise<string> {
  coreCodeHash ??= (async () => {
    const hash = createHash('sha256');
    const files = (await readdir(CORE_DIR)).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')).sort();
    for (const f of files) hash.update(f).update('\0').update(await readFile(path.join(CORE_DIR, f))).update('\0');
    return hash.digest('hex');
  })();
  return coreCodeHash;
}

/** Sets become sorted arrays so options hash the same however they were built. */
function stableReplacer(_key: string, value: unknown): unknown {
  return value instanceof Set ? [...value].map(String).sort() : value;
}

/** The cache key: formats, engine code, engine options (synonyms included) and every article as loaded. */
export async function corpusFingerprint(articles: readonly Article[], engineOptions: EngineOptions): Promise<string> {
  const { persistedIndex: _ignored, ...options } = engineOptions;
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ INDEX_CACHE_FORMAT, SNAPSHOT_FORMAT, code: await engineCodeHash() }));
  hash.update(JSON.stringify(options, stableReplacer));
  // By id, so the order files were read in (concurrently, or as they changed) never misses the cache.
  const byId = [...articles].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const a of byId) hash.update('\0').update(JSON.stringify([a.id, a.title, a.source, a.url, a.published, a.author, a.body]));
  return hash.digest('hex');
}

export function defaultIndexCacheFile(corpusDir: string): string {
  return path.join(corpusDir, DEFAULT_CACHE_DIR_NAME, INDEX_CACHE_FILE);
}

/** Reads the cache file; only a file written for exactly `fingerprint` is a hit. */
export async function readIndexCache(file: string, fingerprint: string): Promise<IndexCacheRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    return { status: 'corrupt', reason: (err as Error).message };
  }
  const first = text.indexOf('\n');
  const second = first < 0 ? -1 : text.indexOf('\n', first + 1);
  if (second < 0) return { status: 'corrupt', reason: 'truncated (fewer than three lines)' };
  try {
    const header = JSON.parse(text.slice(0, first)) as { briefIndexCache?: unknown; fingerprint?: unknown };
    if (header.briefIndexCache !== INDEX_CACHE_FORMAT) return { status: 'stale' };
    if (header.fingerprint !== fingerprint) return { status: 'stale' };
    const passages = JSON.parse(text.slice(first + 1, second)) as Passage[];
    if (!Array.isArray(passages)) return { status: 'corrupt', reason: 'passages are not a list' };
    const index = text.slice(second + 1).trimEnd();
    if (!index.startsWith('{') || !index.endsWith('}')) return { status: 'corrupt', reason: 'index is not a JSON object' };
    return { status: 'hit', snapshot: { format: SNAPSHOT_FORMAT, passages, index } };
  } catch (err) {
    return { status: 'corrupt', reason: `not valid JSON: ${(err as Error).message}` };
  }
}

/**
 * Writes the snapshot crash-safely (temp file in the same folder, fsync, rename, fsync the folder),
 * as src/state/json-file.ts does, but without pretty-printing: the index can be tens of MB.
 */
export async function writeIndexCache(file: string, fingerprint: string, snapshot: EngineSnapshot): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(`${JSON.stringify({ briefIndexCache: INDEX_CACHE_FORMAT, fingerprint })}\n`);
    await handle.writeFile(`${JSON.stringify(snapshot.passages)}\n`);
    await handle.writeFile(`${snapshot.index}\n`);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(temp, { force: true });
    throw err;
  }
  await handle.close();
  await rename(temp, file);
  const dirHandle = await open(dir, 'r');
  try { await dirHandle.sync(); } catch { /* some filesystems cannot fsync a folder; the rename still stands */ } finally { await dirHandle.close(); }
}
