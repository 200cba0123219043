/**
 * The corpus files as last read, remembered in `.brief-cache/files.json` beside the index: per file
 * name, the stamp it had when read (inode, size, mtime, ctime) and what it gave (the article and
 * its digest, or why it was skipped). A start-up reads again only the files whose stamp changed:
 * at 100k passages, reading and parsing all 17,800 files was 1.5–2 s of a 3 s start-up budget.
 *
 * Trusting an unchanged stamp is what make, git and rsync do. Its one gap, a file rewritten at the
 * same size within one tick of the file system's clock after it was read, is closed the way git
 * closes "racy" index entries: an entry is trusted only when the file's mtime and ctime were at
 * least RACY_MS older than the moment its stamp was taken. A file written just before it was read
 * is read again at the next start, and trusted from then on.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.ts';
import { removeStaleTempFiles, writeFileAtomic } from '../state/write-atomic.ts';
import { mapInSlices } from '../time-slices.ts';
import { DEFAULT_CACHE_DIR_NAME, defaultIndexCacheFile } from './index-cache.ts';
import {
  DEFAULT_LOAD_CORPUS_OPTIONS,
  readCorpusFiles,
  type CorpusFileEntry,
  type FileStamps,
  type LoadCorpusOptions,
} from './load-corpus.ts';
import { lockfileHash, sourceHash } from './source-hash.ts';

/** File name → what it gave when last read; in file-name order. */
export type CorpusFiles = Map<string, CorpusFileEntry>;

export const FILES_CACHE_FORMAT = 1;
export const FILES_CACHE_FILE = 'files.json';
/** How much older than its stamp's moment a file must be for the stamp to be trusted. */
export const RACY_MS = 2000;

export function defaultFilesCacheFile(corpusDir: string): string {
  return path.join(corpusDir, DEFAULT_CACHE_DIR_NAME, FILES_CACHE_FILE);
}

/** What the remembered entries depend on besides the files: the loader's code and its options. */
async function loaderKey(options: LoadCorpusOptions): Promise<string> {
  const code = await sourceHash(new URL('./', import.meta.url), ['article-file', 'article-hash', 'load-corpus', 'corpus-files']);
  return JSON.stringify({ FILES_CACHE_FORMAT, code, libraries: await lockfileHash(), ...DEFAULT_LOAD_CORPUS_OPTIONS, ...options });
}

/** Whether an entry can stand for its file while the file's stamp is unchanged (see the top of this file). */
export function isTrusted(entry: CorpusFileEntry): boolean {
  if (!entry.stamp || !(entry.article || entry.reason)) return false;
  const [, , mtimeMs, ctimeMs] = entry.stamp.split(':').map(Number);
  return Math.max(mtimeMs ?? Infinity, ctimeMs ?? Infinity) < entry.statAt - RACY_MS;
}

/** An entry as read back from JSON, checked by hand: a JSON schema library costs more than the rest of the read at 17,800 entries. */
function isEntry(e: unknown): e is CorpusFileEntry {
  const o = e as CorpusFileEntry | null;
  if (typeof o !== 'object' || o === null || typeof o.stamp !== 'string' || typeof o.statAt !== 'number') return false;
  if (o.article === undefined) return typeof o.reason === 'string';
  const a = o.article;
  return (
    typeof a === 'object' &&
    a !== null &&
    typeof a.id === 'string' &&
    typeof a.title === 'string' &&
    typeof a.body === 'string' &&
    typeof o.digest === 'string'
  );
}

/** The remembered entries; an empty map when there are none, they are another loader's, or the file is damaged (`problem` says which). */
export async function readFilesCache(file: string, options: LoadCorpusOptions = {}): Promise<{ files: CorpusFiles; problem?: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? { files: new Map() } : { files: new Map(), problem: (err as Error).message };
  }
  try {
    const data = JSON.parse(text) as { key?: unknown; files?: unknown };
    if (data.key !== (await loaderKey(options))) return { files: new Map() };
    if (!Array.isArray(data.files)) return { files: new Map(), problem: 'no file list' };
    const files: CorpusFiles = new Map();
    for (const item of data.files as unknown[]) {
      if (!Array.isArray(item) || typeof item[0] !== 'string' || !isEntry(item[1]))
        return { files: new Map(), problem: 'an entry is damaged' };
      files.set(item[0], item[1]);
    }
    return { files };
  } catch (err) {
    return { files: new Map(), problem: `not valid JSON: ${(err as Error).message}` };
  }
}

export async function writeFilesCache(file: string, files: CorpusFiles, options: LoadCorpusOptions = {}): Promise<void> {
  // Entry by entry in slices (time-slices.ts): at 17,800 files, one JSON.stringify held the bot's loop for 0.35 s.
  const entries = await mapInSlices(files, (entry) => JSON.stringify(entry));
  await writeFileAtomic(file, [`{"key":${JSON.stringify(await loaderKey(options))},"files":[${entries.join(',')}]}`]);
}

export interface LoadCorpusFilesOptions {
  load?: LoadCorpusOptions;
  /** The index cache file (the files cache sits beside it), or false for neither: every file is read. */
  indexCache?: string | false;
  /** Clock for the entries' `statAt`. Default the system clock. */
  now?: () => Date;
}

/** The corpus file cache that goes with these options, or false. */
export function filesCacheFile(dir: string, options: Pick<LoadCorpusFilesOptions, 'indexCache'>): string | false {
  const index = options.indexCache ?? defaultIndexCacheFile(dir);
  return index === false ? false : path.join(path.dirname(index), FILES_CACHE_FILE);
}

/**
 * The corpus files, reusing the remembered entries that are trusted and whose file's stamp is
 * unchanged, reading the rest, and writing the entries back when anything was read or removed.
 * Logs each skipped file; never fails for the cache's sake.
 */
export async function loadCorpusFiles(
  dir: string,
  logger: Logger,
  options: LoadCorpusFilesOptions = {},
): Promise<{ files: CorpusFiles; stamps: FileStamps; read: string[] }> {
  const cacheFile = filesCacheFile(dir, options);
  if (cacheFile) {
    const removed = await removeStaleTempFiles(path.dirname(cacheFile)).catch(() => []);
    if (removed.length) logger.info({ dir: path.dirname(cacheFile), removed }, 'removed temp files left by an interrupted cache write');
  }
  const remembered: { files: CorpusFiles; problem?: string } = cacheFile
    ? await readFilesCache(cacheFile, options.load)
    : { files: new Map() };
  if (cacheFile && remembered.problem)
    logger.warn({ file: cacheFile, reason: remembered.problem }, 'corpus file cache unreadable; reading every file');
  const reuse = new Map([...remembered.files].filter(([, entry]) => isTrusted(entry)));
  const loaded = await readCorpusFiles(dir, {
    reuse,
    ...(options.load ? { load: options.load } : {}),
    ...(options.now ? { now: () => options.now!().getTime() } : {}),
  });
  for (const [name, entry] of loaded.files)
    if (entry.reason) logger.warn({ file: path.join(dir, name), reason: entry.reason }, 'skipped corpus file');
  const removed = [...remembered.files.keys()].some((name) => !loaded.files.has(name));
  if (cacheFile && (loaded.read.length > 0 || removed)) await saveFilesCache(cacheFile, loaded.files, logger, options.load);
  return loaded;
}

/** Writes the entries, logging (not throwing) when the folder is read-only: answers still come, start-up is only slower. */
export async function saveFilesCache(cacheFile: string, files: CorpusFiles, logger: Logger, load?: LoadCorpusOptions): Promise<void> {
  try {
    await writeFilesCache(cacheFile, files, load);
  } catch (err) {
    logger.warn({ file: cacheFile, err }, 'could not write the corpus file cache');
  }
}
