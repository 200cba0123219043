/** Reads a corpus folder: every good article file loads, every bad one is skipped with a reason. */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../core/types.ts';
import { ArticleFormatError, parseArticleFile } from './article-file.ts';

export interface LoadCorpusOptions {
  /** Files larger than this are skipped. Default 2 MB. */
  maxFileBytes?: number;
}

export const DEFAULT_LOAD_CORPUS_OPTIONS: Required<LoadCorpusOptions> = {
  maxFileBytes: 2 * 1024 * 1024,
};

export interface SkippedFile { file: string; reason: string }

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

/** Reads and parses one article file; throws with a clear reason when it cannot be an article. */
export async function loadArticleFile(file: string, options: LoadCorpusOptions = {}): Promise<Article> {
  const { maxFileBytes } = { ...DEFAULT_LOAD_CORPUS_OPTIONS, ...options };
  const info = await stat(file);
  if (!info.isFile()) throw new ArticleFormatError('not a regular file');
  if (info.size > maxFileBytes) throw new ArticleFormatError(`too large (${info.size} bytes, limit ${maxFileBytes})`);
  const bytes = await readFile(file);
  if (bytes.includes(0)) throw new ArticleFormatError('binary content (NUL bytes), not text');
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const invalid = (text.match(/\uFFFD/g) ?? []).length;
  if (invalid > 0 && invalid / Math.max(1, text.length) > 0.01) throw new ArticleFormatError('not valid UTF-8 text');
  return parseArticleFile(articleIdFromFile(file), text);
}

/** Loads every article file in `dir` (not recursive). Unreadable files are reported in `skipped`. */
export async function loadCorpus(dir: string, options: LoadCorpusOptions = {}): Promise<LoadedCorpus> {
  const names = (await readdir(dir)).filter(isCandidateArticleFile).sort();
  const outcomes = await mapWithConcurrency(names, READ_CONCURRENCY, async (name) => {
    const file = path.join(dir, name);
    try {
      return { article: await loadArticleFile(file, options) };
    } catch (err) {
      return { skipped: { file, reason: describeLoadError(err) } };
    }
  });
  // Results keep the sorted file order, whatever order the reads finished in.
  return {
    articles: outcomes.flatMap((o) => (o.article ? [o.article] : [])),
    skipped: outcomes.flatMap((o) => (o.skipped ? [o.skipped] : [])),
  };
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
