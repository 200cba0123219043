/**
 * The persisted index: an engine snapshot on disk, keyed by a fingerprint of everything the
 * engine is built from (corpus-fingerprint.ts), so an unchanged corpus starts without re-indexing
 * and a changed one is never served stale.
 *
 * File layout (`index.jsonl`), one JSON value a line:
 *   1. a header: `{"briefIndexCache":4,"fingerprint":"<sha256>","passageLines":P,"indexLines":T}`
 *      (a mismatch is found by parsing only this line);
 *   2. MiniSearch's `toJSON()` without its `index` entries;
 *   3. P lines of passages, where a passage found verbatim in its article's body holds `at` (its
 *      offset there) instead of its text (stored-passages.ts);
 *   4. T lines of MiniSearch's `index` entries (`[term, {field: {doc: tf}}]`), in order.
 * It is MiniSearch's own serialisation (`toJSON()`, loaded as `loadJS` loads it), cut into lines so
 * that reading parses and loads one line per event-loop turn: one `JSON.parse` and `loadJS` of a
 * 100k-passage index would hold the bot's event loop (and every Slack ack) for seconds.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AsPlainObject } from 'minisearch';
import { SEARCH_INDEX_FORMAT, startSearchIndexLoad, type PersistedSearchIndex, type SearchIndexData, type SerializedTerms } from '../core/search-index.ts';
import { SNAPSHOT_FORMAT, type EngineSnapshot } from '../core/snapshot.ts';
import type { Article } from '../core/types.ts';
import { writeFileAtomic } from '../state/write-atomic.ts';
import { restoreStoredPassages, storePassages, type StoredPassage } from './stored-passages.ts';

/** Bumped when the file layout above changes. */
export const INDEX_CACHE_FORMAT = 4;
/** Default cache folder, inside the corpus folder (hidden, so never read as an article). */
export const DEFAULT_CACHE_DIR_NAME = '.brief-cache';
export const INDEX_CACHE_FILE = 'index.jsonl';
/** Files of earlier layouts (format 1 JSON, format 3 typed arrays), removed beside a new cache so they do not linger. */
const LEGACY_INDEX_CACHE_FILES = ['index.json', 'index.bin'];

/** Entries per line: small enough that parsing one line is a short pause (a few ms at most). */
const PASSAGES_PER_LINE = 5000;
const TERMS_PER_LINE = 2000;

export type IndexCacheRead =
  | { status: 'missing' }
  | { status: 'hit'; snapshot: EngineSnapshot }
  /** Written for another corpus, other options or other code: rebuild. */
  | { status: 'stale' }
  | { status: 'corrupt'; reason: string };

export function defaultIndexCacheFile(corpusDir: string): string {
  return path.join(corpusDir, DEFAULT_CACHE_DIR_NAME, INDEX_CACHE_FILE);
}

interface Header { briefIndexCache: number; fingerprint: string; passageLines: number; indexLines: number }

/** MiniSearch's data from either form of a persisted index. */
function indexData(index: PersistedSearchIndex): SearchIndexData {
  return 'loaded' in index ? { format: SEARCH_INDEX_FORMAT, miniSearch: index.loaded.toJSON() } : index;
}

function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The cache file's lines (each ending in a newline), to write one after another. `articles` are those the snapshot was built from. */
export function encodeIndexCache(fingerprint: string, snapshot: EngineSnapshot, articles: readonly Article[]): string[] {
  const { index, ...rest } = indexData(snapshot.index).miniSearch;
  const passageLines = chunked(storePassages(snapshot.passages, articles), PASSAGES_PER_LINE);
  const indexLines = chunked(index, TERMS_PER_LINE);
  const header: Header = { briefIndexCache: INDEX_CACHE_FORMAT, fingerprint, passageLines: passageLines.length, indexLines: indexLines.length };
  return [header, rest, ...passageLines, ...indexLines].map((value) => `${JSON.stringify(value)}\n`);
}

/** Splits the file into lines without decoding it all into one string. */
function splitLines(bytes: Buffer): string[] {
  const lines: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    const end = bytes.indexOf(10, start);
    if (end < 0) { lines.push(bytes.toString('utf8', start)); break; }
    lines.push(bytes.toString('utf8', start, end));
    start = end + 1;
  }
  return lines;
}

/**
 * Reads a cache file's bytes (or the lines `encodeIndexCache` made); only a file written for exactly
 * `fingerprint` (and so for these `articles`) is a hit. Parses and loads a line per event-loop
 * turn. Never throws: damage is `corrupt`.
 */
export async function decodeIndexCache(file: Buffer | readonly string[], fingerprint: string, articles: readonly Article[]): Promise<IndexCacheRead> {
  try {
    return await decode(Buffer.isBuffer(file) ? splitLines(file) : file, fingerprint, articles);
  } catch (err) {
    // Shapes the checks below do not foresee (a null where an object was, …) are damage too.
    return { status: 'corrupt', reason: `damaged: ${(err as Error).message}` };
  }
}

async function decode(lines: readonly string[], fingerprint: string, articles: readonly Article[]): Promise<IndexCacheRead> {
  let header: Header;
  try {
    header = JSON.parse(lines[0] ?? '') as Header;
  } catch (err) {
    return { status: 'corrupt', reason: `header is not valid JSON: ${(err as Error).message}` };
  }
  if (header?.briefIndexCache !== INDEX_CACHE_FORMAT || header.fingerprint !== fingerprint) return { status: 'stale' };
  const { passageLines, indexLines } = header;
  if (!Number.isInteger(passageLines) || !Number.isInteger(indexLines) || passageLines < 0 || indexLines < 0) return { status: 'corrupt', reason: 'header lacks the section sizes' };
  if (lines.filter((l) => l.trim()).length !== 2 + passageLines + indexLines) return { status: 'corrupt', reason: 'truncated' };
  const content = lines.slice(1).filter((l) => l.trim());
  // One line parsed (and its terms loaded) per event-loop turn; the parsed lines are dropped as they go.
  const parse = async (i: number): Promise<unknown> => {
    const value: unknown = JSON.parse(content[i]!);
    await nextTurn();
    return value;
  };
  let line = 0;
  try {
    const head = await parse(line++) as Omit<AsPlainObject, 'index'>;
    if (typeof head !== 'object' || head === null) return { status: 'corrupt', reason: 'no index head' };
    const stored: StoredPassage[] = [];
    for (; line < 1 + passageLines; line++) {
      const section = await parse(line);
      if (!Array.isArray(section)) return { status: 'corrupt', reason: 'a passage line is not a list' };
      for (const p of section) stored.push(p as StoredPassage);
    }
    const restored = restoreStoredPassages(stored, articles);
    if (typeof restored === 'string') return { status: 'corrupt', reason: restored };
    const ids = Object.values((head.documentIds ?? {}) as Record<string, unknown>);
    if (ids.length !== restored.length || restored.some((p, i) => ids[i] !== p.id)) return { status: 'corrupt', reason: 'the index does not hold exactly these passages' };
    const load = startSearchIndexLoad(head);
    for (; line < content.length; line++) {
      const section = await parse(line);
      if (!Array.isArray(section)) return { status: 'corrupt', reason: 'an index line is not a list' };
      load.addTerms(section as SerializedTerms);
    }
    return { status: 'hit', snapshot: { format: SNAPSHOT_FORMAT, passages: restored, index: load.done() } };
  } catch (err) {
    if (err instanceof SyntaxError) return { status: 'corrupt', reason: `line ${line + 2} is not valid JSON: ${err.message}` };
    throw err;
  }
}

/** Reads the cache file; only a file written for exactly `fingerprint` (and so for these `articles`) is a hit. */
export async function readIndexCache(file: string, fingerprint: string, articles: readonly Article[]): Promise<IndexCacheRead> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    return { status: 'corrupt', reason: (err as Error).message };
  }
  return decodeIndexCache(bytes, fingerprint, articles);
}

/** Writes the cache lines crash-safely (see write-atomic.ts); `lines` default to encoding `snapshot`. */
export async function writeIndexCache(file: string, fingerprint: string, snapshot: EngineSnapshot, articles: readonly Article[], lines?: readonly string[]): Promise<void> {
  await writeFileAtomic(file, lines ?? encodeIndexCache(fingerprint, snapshot, articles));
  if (path.basename(file) === INDEX_CACHE_FILE) {
    for (const legacy of LEGACY_INDEX_CACHE_FILES) await rm(path.join(path.dirname(file), legacy), { force: true });
  }
}
