/**
 * The persisted index: an engine snapshot on disk, keyed by a fingerprint of everything the
 * engine is built from (corpus-fingerprint.ts), so an unchanged corpus starts without re-indexing
 * and a changed one is never served stale.
 *
 * File layout (`index.jsonl`), one JSON value a line:
 *   1. a header: `{"briefIndexCache":4,"fingerprint":"<sha256>","passageLines":P,"indexLines":T}`
 *      (a mismatch is found by parsing only this line);
 *   2. MiniSearch's `toJSON()` without its `index`, `documentIds` and `fieldLength`, then those two
 *      on a line each (at 100k passages each is 2 MB);
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
import {
  SEARCH_INDEX_FORMAT,
  startSearchIndexLoad,
  type PersistedSearchIndex,
  type SearchIndexData,
  type SerializedTerms,
} from '../core/search-index.ts';
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

/** Entries per line: small enough that parsing and loading one line is a short pause (about 10 ms on an idle machine). */
const PASSAGES_PER_LINE = 2000;
/** Postings (term, field, passage) per line of index terms: a common word alone has thousands. */
const POSTINGS_PER_LINE = 30_000;

export type IndexCacheRead =
  | { status: 'missing' }
  | { status: 'hit'; snapshot: EngineSnapshot }
  /** Written for another corpus, other options or other code: rebuild. */
  | { status: 'stale' }
  | { status: 'corrupt'; reason: string };

export function defaultIndexCacheFile(corpusDir: string): string {
  return path.join(corpusDir, DEFAULT_CACHE_DIR_NAME, INDEX_CACHE_FILE);
}

/** Lines after the header before the passages: MiniSearch's head, its documentIds, its fieldLength. */
const HEAD_LINES = 3;

interface Header {
  briefIndexCache: number;
  fingerprint: string;
  passageLines: number;
  indexLines: number;
}

/** MiniSearch's data from either form of a persisted index. */
function indexData(index: PersistedSearchIndex): SearchIndexData {
  return 'loaded' in index ? { format: SEARCH_INDEX_FORMAT, miniSearch: index.loaded.toJSON() } : index;
}

/** Consecutive runs of `items` whose weights add up to about `limit` each (an item heavier than that alone). */
function chunked<T>(items: readonly T[], limit: number, weight: (item: T) => number = () => 1): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let total = 0;
  for (const item of items) {
    const w = weight(item);
    if (current.length > 0 && total + w > limit) {
      out.push(current);
      current = [];
      total = 0;
    }
    current.push(item);
    total += w;
  }
  if (current.length > 0) out.push(current);
  return out;
}

const postingsOf = ([, fields]: SerializedTerms[number]): number => {
  let n = 0;
  for (const field of Object.values(fields)) for (const _doc in field) n++;
  return n;
};

/** The cache file's lines (each ending in a newline), to write one after another. `articles` are those the snapshot was built from. */
export function encodeIndexCache(fingerprint: string, snapshot: EngineSnapshot, articles: readonly Article[]): string[] {
  const { index, documentIds, fieldLength, ...rest } = indexData(snapshot.index).miniSearch;
  const passageLines = chunked(storePassages(snapshot.passages, articles), PASSAGES_PER_LINE);
  const indexLines = chunked(index, POSTINGS_PER_LINE, postingsOf);
  const header: Header = {
    briefIndexCache: INDEX_CACHE_FORMAT,
    fingerprint,
    passageLines: passageLines.length,
    indexLines: indexLines.length,
  };
  return [header, rest, documentIds, fieldLength, ...passageLines, ...indexLines].map((value) => `${JSON.stringify(value)}\n`);
}

/** A file's lines, decoded to strings one at a time as they are read. */
interface Lines {
  count: number;
  line(i: number): string;
}

/** The lines of the file's bytes, found without decoding it all into one string (a file for another fingerprint: only its header). */
function linesOf(bytes: Uint8Array, fingerprint: string): Lines {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const starts: number[] = [];
  const ends: number[] = [];
  for (let start = 0; start < buffer.length; ) {
    const end = buffer.indexOf(10, start);
    starts.push(start);
    ends.push(end < 0 ? buffer.length : end);
    if (end < 0) break;
    start = end + 1;
    // Only the header is needed to find that the file is for other inputs.
    if (starts.length === 1 && !buffer.toString('utf8', 0, ends[0]).includes(`"fingerprint":${JSON.stringify(fingerprint)}`)) break;
  }
  return { count: starts.length, line: (i) => buffer.toString('utf8', starts[i], ends[i]) };
}

/**
 * Reads a cache file's bytes (or the lines `encodeIndexCache` made); only a file written for exactly
 * `fingerprint` (and so for these `articles`) is a hit. Parses and loads a line per event-loop
 * turn. Never throws: damage is `corrupt`.
 */
export async function decodeIndexCache(
  file: Uint8Array | readonly string[],
  fingerprint: string,
  articles: readonly Article[],
): Promise<IndexCacheRead> {
  try {
    const lines: Lines =
      file instanceof Uint8Array ? linesOf(file, fingerprint) : { count: file.length, line: (i) => (file[i] ?? '').replace(/\n$/, '') };
    return await decode(lines, fingerprint, articles);
  } catch (err) {
    // Shapes the checks below do not foresee (a null where an object was, …) are damage too.
    return { status: 'corrupt', reason: `damaged: ${(err as Error).message}` };
  }
}

async function decode(lines: Lines, fingerprint: string, articles: readonly Article[]): Promise<IndexCacheRead> {
  let header: Header;
  try {
    header = JSON.parse(lines.count > 0 ? lines.line(0) : '') as Header;
  } catch (err) {
    return { status: 'corrupt', reason: `header is not valid JSON: ${(err as Error).message}` };
  }
  if (header?.briefIndexCache !== INDEX_CACHE_FORMAT || header.fingerprint !== fingerprint) return { status: 'stale' };
  const { passageLines, indexLines } = header;
  if (!Number.isInteger(passageLines) || !Number.isInteger(indexLines) || passageLines < 0 || indexLines < 0)
    return { status: 'corrupt', reason: 'header lacks the section sizes' };
  // A file ends with a newline: an empty last line is not a line.
  const count = lines.count > 1 && lines.line(lines.count - 1) === '' ? lines.count - 1 : lines.count;
  if (count !== 1 + HEAD_LINES + passageLines + indexLines) return { status: 'corrupt', reason: 'truncated' };
  // One line decoded, parsed (and its terms loaded) per event-loop turn; the parsed lines are dropped as they go.
  const parse = async (i: number): Promise<unknown> => {
    const value: unknown = JSON.parse(lines.line(i + 1));
    await nextTurn();
    return value;
  };
  let line = 0;
  try {
    const rest = (await parse(line++)) as Omit<AsPlainObject, 'index' | 'documentIds' | 'fieldLength'>;
    const documentIds = (await parse(line++)) as AsPlainObject['documentIds'];
    const fieldLength = (await parse(line++)) as AsPlainObject['fieldLength'];
    if ([rest, documentIds, fieldLength].some((v) => typeof v !== 'object' || v === null))
      return { status: 'corrupt', reason: 'no index head' };
    const head = { ...rest, documentIds, fieldLength };
    const stored: StoredPassage[] = [];
    for (; line < HEAD_LINES + passageLines; line++) {
      const section = await parse(line);
      if (!Array.isArray(section)) return { status: 'corrupt', reason: 'a passage line is not a list' };
      for (const p of section) stored.push(p as StoredPassage);
    }
    const restored = restoreStoredPassages(stored, articles);
    if (typeof restored === 'string') return { status: 'corrupt', reason: restored };
    const ids = Object.values((head.documentIds ?? {}) as Record<string, unknown>);
    if (ids.length !== restored.length || restored.some((p, i) => ids[i] !== p.id))
      return { status: 'corrupt', reason: 'the index does not hold exactly these passages' };
    await nextTurn();
    const load = startSearchIndexLoad(head);
    for (; line < count - 1; line++) {
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
export async function writeIndexCache(
  file: string,
  fingerprint: string,
  snapshot: EngineSnapshot,
  articles: readonly Article[],
  lines?: readonly string[],
): Promise<void> {
  await writeFileAtomic(file, lines ?? encodeIndexCache(fingerprint, snapshot, articles));
  if (path.basename(file) === INDEX_CACHE_FILE) {
    for (const legacy of LEGACY_INDEX_CACHE_FILES) await rm(path.join(path.dirname(file), legacy), { force: true });
  }
}
