/**
 * The persisted index: an engine snapshot on disk, keyed by a fingerprint of everything the
 * engine is built from (corpus-fingerprint.ts), so an unchanged corpus starts without re-indexing
 * and a changed one is never served stale.
 *
 * File layout: the index's postings are typed arrays, written as raw bytes so that loading them is
 * a copy rather than a JSON parse (at 100k passages, parsing them as JSON number arrays took 0.5 s
 * and briefly doubled the memory).
 *   1. a header line: `{"briefIndexCache":3,"fingerprint":"<sha256>","endian":"LE","json":N,"arrays":[{"type":"u32","length":L},…]}`
 *      (a mismatch is found by parsing only this line);
 *   2. N bytes of JSON: `{"passages":[…],"ids":[…],"terms":[…],"fields":[{"avgLength":x},…]}`, where a
 *      passage found verbatim in its article's body holds `at` (its offset there) instead of its
 *      text: loaded back as a slice of the body, it shares the body's memory, and the file does not
 *      carry the corpus text twice;
 *   3. the arrays, in the header's order (per field: offsets, docs, tfs, lengths), each starting on
 *      an 8-byte boundary.
 * Written by hand because no library we would trust here does "JSON plus typed arrays" more
 * simply than these sixty lines (MessagePack or CBOR would still parse every passage string).
 */
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { COMPACT_INDEX_FORMAT, type FieldPostings } from '../core/compact-index.ts';
import { SNAPSHOT_FORMAT, type EngineSnapshot } from '../core/snapshot.ts';
import type { Article } from '../core/types.ts';
import { writeFileAtomic } from '../state/write-atomic.ts';
import { restoreStoredPassages, storePassages, type StoredPassage } from './stored-passages.ts';

/** Bumped when the file layout above changes. */
export const INDEX_CACHE_FORMAT = 3;
/** Default cache folder, inside the corpus folder (hidden, so never read as an article). */
export const DEFAULT_CACHE_DIR_NAME = '.brief-cache';
export const INDEX_CACHE_FILE = 'index.bin';

export type IndexCacheRead =
  | { status: 'missing' }
  | { status: 'hit'; snapshot: EngineSnapshot }
  /** Written for another corpus, other options or other code: rebuild. */
  | { status: 'stale' }
  | { status: 'corrupt'; reason: string };

export function defaultIndexCacheFile(corpusDir: string): string {
  return path.join(corpusDir, DEFAULT_CACHE_DIR_NAME, INDEX_CACHE_FILE);
}

type ArrayType = 'u32' | 'u16';
interface Header { briefIndexCache: number; fingerprint: string; endian: string; json: number; arrays: { type: ArrayType; length: number }[] }
const BYTES: Record<ArrayType, number> = { u32: 4, u16: 2 };
const ENDIAN = os.endianness();
const FIELD_ARRAYS = ['offsets', 'docs', 'tfs', 'lengths'] as const;
const align8 = (n: number) => Math.ceil(n / 8) * 8;

/** The cache file's bytes, as chunks to write one after another. `articles` are those the snapshot was built from. */
export function encodeIndexCache(fingerprint: string, snapshot: EngineSnapshot, articles: readonly Article[]): Uint8Array[] {
  const { ids, terms, fields } = snapshot.index;
  const passages = storePassages(snapshot.passages, articles);
  const json = Buffer.from(JSON.stringify({ passages, ids, terms, fields: fields.map((f) => ({ avgLength: f.avgLength })) }));
  const arrays = fields.flatMap((f) => FIELD_ARRAYS.map((name) => f[name]));
  const header: Header = {
    briefIndexCache: INDEX_CACHE_FORMAT, fingerprint, endian: ENDIAN, json: json.length,
    arrays: arrays.map((a) => ({ type: a instanceof Uint16Array ? 'u16' : 'u32', length: a.length })),
  };
  const head = Buffer.from(`${JSON.stringify(header)}\n`);
  const chunks: Uint8Array[] = [head, json];
  let at = head.length + json.length;
  for (const a of arrays) {
    chunks.push(new Uint8Array(align8(at) - at));
    at = align8(at);
    chunks.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    at += a.byteLength;
  }
  return chunks;
}

/** Reads a cache file's bytes; only a file written for exactly `fingerprint` (and so for these `articles`) is a hit. Never throws: damage is `corrupt`. */
export function decodeIndexCache(bytes: Buffer, fingerprint: string, articles: readonly Article[]): IndexCacheRead {
  try {
    return decode(bytes, fingerprint, articles);
  } catch (err) {
    // Shapes the checks below do not foresee (a null where an object was, …) are damage too.
    return { status: 'corrupt', reason: `damaged: ${(err as Error).message}` };
  }
}

function decode(bytes: Buffer, fingerprint: string, articles: readonly Article[]): IndexCacheRead {
  const newline = bytes.indexOf(10);
  if (newline < 0) return { status: 'corrupt', reason: 'no header line' };
  let header: Header;
  try {
    header = JSON.parse(bytes.toString('utf8', 0, newline)) as Header;
  } catch (err) {
    return { status: 'corrupt', reason: `header is not valid JSON: ${(err as Error).message}` };
  }
  if (header.briefIndexCache !== INDEX_CACHE_FORMAT || header.endian !== ENDIAN || header.fingerprint !== fingerprint) return { status: 'stale' };
  if (!Number.isInteger(header.json) || !Array.isArray(header.arrays) || header.arrays.length % FIELD_ARRAYS.length !== 0) return { status: 'corrupt', reason: 'header lacks the section sizes' };
  let at = newline + 1 + header.json;
  if (at > bytes.length) return { status: 'corrupt', reason: 'truncated' };
  let body: { passages?: unknown; ids?: unknown; terms?: unknown; fields?: unknown };
  try {
    body = JSON.parse(bytes.toString('utf8', newline + 1, at)) as typeof body;
  } catch (err) {
    return { status: 'corrupt', reason: `not valid JSON: ${(err as Error).message}` };
  }
  const { passages, ids, terms, fields } = body;
  if (!Array.isArray(passages) || !Array.isArray(ids) || !Array.isArray(terms) || !Array.isArray(fields)) return { status: 'corrupt', reason: 'passages or index lists missing' };
  const arrays: (Uint32Array | Uint16Array)[] = [];
  for (const { type, length } of header.arrays) {
    if (!(type in BYTES) || !Number.isInteger(length) || length < 0) return { status: 'corrupt', reason: 'bad array in header' };
    at = align8(at);
    const end = at + length * BYTES[type];
    if (end > bytes.length) return { status: 'corrupt', reason: 'truncated' };
    // A copy into its own memory, so the file's buffer is freed once read.
    const copy = bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + end);
    arrays.push(type === 'u16' ? new Uint16Array(copy) : new Uint32Array(copy));
    at = end;
  }
  if (arrays.length !== fields.length * FIELD_ARRAYS.length) return { status: 'corrupt', reason: 'arrays do not match the fields' };
  const restored = restoreStoredPassages(passages as StoredPassage[], articles);
  if (typeof restored === 'string') return { status: 'corrupt', reason: restored };
  const postings = (fields as { avgLength: number }[]).map((f, i) => {
    const [offsets, docs, tfs, lengths] = arrays.slice(i * 4, i * 4 + 4);
    return { offsets, docs, tfs, lengths, avgLength: f.avgLength } as FieldPostings;
  });
  return {
    status: 'hit',
    snapshot: { format: SNAPSHOT_FORMAT, passages: restored, index: { format: COMPACT_INDEX_FORMAT, ids: ids as string[], terms: terms as string[], fields: postings } },
  };
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

/** The JSON cache of format 1, replaced by index.bin: removed beside a new one so it does not linger (80 MB at 100k passages). */
const LEGACY_INDEX_CACHE_FILE = 'index.json';

/** Writes the snapshot crash-safely (see write-atomic.ts). */
export async function writeIndexCache(file: string, fingerprint: string, snapshot: EngineSnapshot, articles: readonly Article[]): Promise<void> {
  await writeFileAtomic(file, encodeIndexCache(fingerprint, snapshot, articles));
  if (path.basename(file) === INDEX_CACHE_FILE) await rm(path.join(path.dirname(file), LEGACY_INDEX_CACHE_FILE), { force: true });
}
