/** Reads a corpus folder: every good article file loads, every bad one is skipped with a reason. */
import { statSync, type Stats } from 'node:fs';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../core/types.ts';
import { mapInSlices } from '../time-slices.ts';
import { ArticleFormatError, parseArticleFile } from './article-file.ts';
import { articleDigest } from './article-hash.ts';
import { SYNONYMS_FILE } from './load-synonyms.ts';

export interface LoadCorpusOptions {
  /** Files larger than this are skipped. Default 2 MB. */
  maxFileBytes?: number;
  /** Read symbolic links whose target is outside the corpus folder. Default false: they are skipped. */
  followOutsideLinks?: boolean;
}

export const DEFAULT_LOAD_CORPUS_OPTIONS: Required<LoadCorpusOptions> = {
  maxFileBytes: 2 * 1024 * 1024,
  followOutsideLinks: false,
};

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface LoadedCorpus {
  articles: Article[];
  skipped: SkippedFile[];
}

/** Editor temp files, partial downloads and hidden files are not articles, whatever their name ends with. */
export function isCandidateArticleFile(name: string): boolean {
  if (name.startsWith('.') || name.startsWith('~') || name.startsWith('#')) return false;
  if (/~$|\.(swp|swo|swx|tmp|temp|part|crdownload|bak|orig)$/i.test(name)) return false;
  return /\.(md|markdown)$/i.test(name);
}

/** The article id a corpus file gets: its name without the extension. */
export function articleIdFromFile(file: string): string {
  return path.basename(file).replace(/\.(md|markdown)$/i, '');
}

/** A stamp that changes whenever the file is written, replaced or touched: inode, size, mtime, ctime. */
export function stampOf(info: Pick<Stats, 'ino' | 'size' | 'mtimeMs' | 'ctimeMs'>): string {
  return `${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`;
}

/** File name → its stamp. */
export type FileStamps = Map<string, string>;

/** Longest stretch of synchronous stats before the scan yields to the event loop. */
const SCAN_SLICE_MS = 4;

/** Stamps of the article files (and synonyms.json) in `dir`, in name order. Throws when the folder cannot be read. */
export async function scanCorpusFiles(dir: string): Promise<FileStamps> {
  const names = (await readdir(dir)).filter((n) => n === SYNONYMS_FILE || isCandidateArticleFile(n)).sort();
  const stamps: FileStamps = new Map();
  // Synchronous stats in slices (time-slices.ts): 17,800 promise-based stats took 0.5 s,
  // synchronous ones 0.08 s, and one slice holds the loop for a few milliseconds, on slow
  // (network) storage too.
  await mapInSlices(
    names,
    (name) => {
      try {
        const info = statSync(path.join(dir, name), { throwIfNoEntry: false });
        if (info) stamps.set(name, stampOf(info));
      } catch {
        /* gone or unreadable since readdir: not in the corpus */
      }
    },
    SCAN_SLICE_MS,
  );
  return stamps;
}

/** What one corpus file gave when it was read. */
export interface CorpusFileEntry {
  /** The file's stamp, taken just before it was read ('' when it could not be stat'ed). */
  stamp: string;
  /** When that stamp was taken (ms since the epoch). */
  statAt: number;
  article?: Article;
  /** articleDigest(article). */
  digest?: string;
  /** Why the file is not an article. */
  reason?: string;
}

async function parseArticleAt(file: string, info: Stats, options: LoadCorpusOptions): Promise<Article> {
  const { maxFileBytes } = { ...DEFAULT_LOAD_CORPUS_OPTIONS, ...options };
  if (!info.isFile()) throw new ArticleFormatError('not a regular file');
  if (info.size > maxFileBytes) throw new ArticleFormatError(`too large (${info.size} bytes, limit ${maxFileBytes})`);
  const bytes = await readFile(file);
  if (bytes.includes(0)) throw new ArticleFormatError('binary content (NUL bytes), not text');
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const invalid = (text.match(/\uFFFD/g) ?? []).length;
  if (invalid > 0 && invalid / Math.max(1, text.length) > 0.01) throw new ArticleFormatError('not valid UTF-8 text');
  return parseArticleFile(articleIdFromFile(file), text);
}

/** True when `target` is `folder` or inside it (both real paths). */
function isInside(target: string, folder: string): boolean {
  const rel = path.relative(folder, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The file's stats, following a symbolic link only when it points inside the corpus folder: a link
 * to a file elsewhere (`/etc/…`, another team's folder) would index and announce what is not the
 * corpus. Throws an ArticleFormatError for such a link.
 */
async function statInCorpus(file: string, options: LoadCorpusOptions): Promise<Stats> {
  const info = await lstat(file);
  if (!info.isSymbolicLink()) return info;
  if (options.followOutsideLinks ?? DEFAULT_LOAD_CORPUS_OPTIONS.followOutsideLinks) return stat(file);
  const [target, folder] = await Promise.all([realpath(file), realpath(path.dirname(file))]);
  if (!isInside(target, folder)) throw new ArticleFormatError(`a symbolic link to ${target}, outside the corpus folder: not read`);
  return stat(file);
}

/** Reads one corpus file into an entry: its stamp (taken first), then its article or why it is not one. Never throws. */
export async function readCorpusFile(
  file: string,
  options: LoadCorpusOptions = {},
  now: () => number = Date.now,
): Promise<CorpusFileEntry> {
  const statAt = now();
  let info: Stats;
  try {
    info = await statInCorpus(file, options);
  } catch (err) {
    // An outside link is a verdict on the file: its stamp (the target's, as the scan takes it) stands for it.
    if (err instanceof ArticleFormatError) {
      const target = await stat(file).catch(() => undefined);
      return { stamp: target ? stampOf(target) : '', statAt, reason: describeLoadError(err) };
    }
    return { stamp: '', statAt, reason: describeLoadError(err) };
  }
  const stamp = stampOf(info);
  try {
    const article = await parseArticleAt(file, info, options);
    return { stamp, statAt, article, digest: articleDigest(article) };
  } catch (err) {
    // Only a verdict on the content may stand for the file while its stamp holds; a failed read
    // (EIO on a network mount, too many open files, …) keeps no stamp, so it is read again.
    return { stamp: err instanceof ArticleFormatError ? stamp : '', statAt, reason: describeLoadError(err) };
  }
}

/** The articles, skipped files and digests of entries (by file name, in the map's order). */
export function corpusContents(dir: string, files: ReadonlyMap<string, CorpusFileEntry>): LoadedCorpus & { digests: Map<string, string> } {
  const articles: Article[] = [];
  const skipped: SkippedFile[] = [];
  const digests = new Map<string, string>();
  for (const [name, entry] of files) {
    if (entry.article) {
      articles.push(entry.article);
      if (entry.digest) digests.set(entry.article.id, entry.digest);
    } else {
      skipped.push({ file: path.join(dir, name), reason: entry.reason ?? 'unreadable' });
    }
  }
  return { articles, skipped, digests };
}

/**
 * Every article file in `dir` (not recursive): each one whose stamp matches an entry in `reuse`
 * keeps that entry; the others are read. `stamps` is the scan compared (synonyms.json included),
 * the baseline for the watcher; `read` the names read now.
 */
export async function readCorpusFiles(
  dir: string,
  options: { load?: LoadCorpusOptions; reuse?: ReadonlyMap<string, CorpusFileEntry>; now?: () => number } = {},
): Promise<{ files: Map<string, CorpusFileEntry>; stamps: FileStamps; read: string[] }> {
  const stamps = await scanCorpusFiles(dir);
  const names = [...stamps.keys()].filter((n) => n !== SYNONYMS_FILE);
  const read = names.filter((name) => options.reuse?.get(name)?.stamp !== stamps.get(name));
  const fresh = await mapWithConcurrency(read, READ_CONCURRENCY, (name) => readCorpusFile(path.join(dir, name), options.load, options.now));
  const freshByName = new Map(read.map((name, i) => [name, fresh[i]!]));
  // In file-name order, whatever order the reads finished in.
  const files = new Map(names.map((name) => [name, freshByName.get(name) ?? options.reuse!.get(name)!]));
  return { files, stamps, read };
}

/** Loads every article file in `dir` (not recursive). Unreadable files are reported in `skipped`. */
export async function loadCorpus(dir: string, options: LoadCorpusOptions = {}): Promise<LoadedCorpus> {
  const { articles, skipped } = corpusContents(dir, (await readCorpusFiles(dir, { load: options })).files);
  return { articles, skipped };
}

/** Files read at once: reading 17,800 files one after another took most of a large corpus's start-up. */
export const READ_CONCURRENCY = 32;

/** `fn` over `items` with at most `limit` calls in flight; results in the order of `items`. */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export function describeLoadError(err: unknown): string {
  if (err instanceof ArticleFormatError) return err.message;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'the file no longer exists';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return (err as Error).message ?? String(err);
}
