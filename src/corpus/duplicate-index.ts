/**
 * What the corpus already holds, for telling whether an incoming article is one we have: the same
 * canonical URL, or near-identical text (a syndicated copy, a re-published page). Built from the
 * articles already loaded and extended by each article written, so checking an item costs that
 * item's shingling, not the corpus's.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createNearDuplicateIndex } from '../core/near-duplicates.ts';
import type { Article } from '../core/types.ts';
import { readCorpusFiles, type CorpusFileEntry } from './load-corpus.ts';

/** Shingle Jaccard from which two article bodies count as the same article. */
export const DEFAULT_DUPLICATE_TEXT_THRESHOLD = 0.8;

export interface Duplicate {
  /** The corpus file that already holds the article. */
  file: string;
  reason: 'same-url' | 'near-identical-text';
}

type Known = Pick<Article, 'url' | 'body'>;

export interface DuplicateIndex {
  /** The article already in the corpus that `article` repeats, if any. */
  findDuplicate(article: Known): Duplicate | undefined;
  /** Remembers an article just written, so the next one is checked against it too. */
  add(file: string, article: Known): void;
}

/** An index over `known` (file → article), in its order: the first of several matches is the one reported. */
export function createDuplicateIndex(
  known: Iterable<[file: string, article: Known]>,
  threshold = DEFAULT_DUPLICATE_TEXT_THRESHOLD,
): DuplicateIndex {
  const files: string[] = [];
  const byUrl = new Map<string, string>();
  const texts = createNearDuplicateIndex(threshold);
  const index: DuplicateIndex = {
    findDuplicate(article) {
      const sameUrl = article.url ? byUrl.get(articleUrlKey(article.url)) : undefined;
      if (sameUrl) return { file: sameUrl, reason: 'same-url' };
      const duplicateOf = texts.find(article.body);
      return duplicateOf === undefined ? undefined : { file: files[duplicateOf]!, reason: 'near-identical-text' };
    },
    add(file, article) {
      files.push(file);
      texts.add(article.body);
      const urlKey = article.url ? articleUrlKey(article.url) : undefined;
      if (urlKey && !byUrl.has(urlKey)) byUrl.set(urlKey, file);
    },
  };
  for (const [file, article] of known) index.add(file, article);
  return index;
}

/** The index over the articles in `dir`, read once by the corpus loader (a missing folder is an empty corpus). */
export async function loadDuplicateIndex(dir: string, threshold = DEFAULT_DUPLICATE_TEXT_THRESHOLD): Promise<DuplicateIndex> {
  const { files } = await readCorpusFiles(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return { files: new Map<string, CorpusFileEntry>() };
    throw err;
  });
  // Files the loader skips are not in the corpus; whoever loads the corpus reports them.
  return createDuplicateIndex(articlesOf(dir, files), threshold);
}

function* articlesOf(dir: string, files: ReadonlyMap<string, CorpusFileEntry>): Iterable<[string, Article]> {
  for (const [name, entry] of files) if (entry.article) yield [path.join(dir, name), entry.article];
}

/** The corpus files as a live corpus holds them, and a number that changes with every load. */
export interface LoadedFiles {
  generation: number;
  files: ReadonlyMap<string, CorpusFileEntry>;
}

/**
 * A duplicate index that follows a live corpus without reading a file. An article added through it
 * counts at once. After a load, files new to it are appended; a file edited, deleted or skipped
 * since rebuilds it from the loaded articles, plus those added through it that no load has seen yet
 * and whose file is still there (`exists`: a load may have listed the folder just before the write,
 * but a file deleted before any load saw it must not count as a duplicate for the rest of the run).
 */
export function followDuplicates(
  dir: string,
  loaded: () => LoadedFiles,
  threshold = DEFAULT_DUPLICATE_TEXT_THRESHOLD,
  exists: (file: string) => boolean = existsSync,
): DuplicateIndex {
  let generation: number | undefined;
  let index = createDuplicateIndex([], threshold);
  /** File name → the article as the index holds it. */
  const held = new Map<string, Known>();
  /** Added through this index and not yet in a load, by file name. */
  const pending = new Map<string, Known>();
  const hold = (name: string, article: Known) => {
    held.set(name, article);
    index.add(path.join(dir, name), article);
  };

  const sync = () => {
    const { generation: now, files } = loaded();
    if (now === generation) return;
    generation = now;
    for (const name of pending.keys()) if (!files.has(name) && !exists(path.join(dir, name))) pending.delete(name);
    const stale = [...held].some(([name, article]) => {
      const entry = files.get(name);
      return entry ? !entry.article || !sameArticle(article, entry.article) : !pending.has(name);
    });
    if (stale) {
      index = createDuplicateIndex([], threshold);
      held.clear();
    }
    for (const [name, entry] of files) if (entry.article && !held.has(name)) hold(name, entry.article);
    for (const name of files.keys()) pending.delete(name);
    if (stale) for (const [name, article] of pending) hold(name, article);
  };

  return {
    findDuplicate(article) {
      sync();
      return index.findDuplicate(article);
    },
    add(file, article) {
      sync();
      const name = path.basename(file);
      pending.set(name, article);
      hold(name, article);
    },
  };
}

/** The same article as far as the index can tell: the same URL and body (the file format trims the body). */
function sameArticle(a: Known, b: Known): boolean {
  return a.url === b.url && (a.body === b.body || a.body.trim() === b.body.trim());
}

const TRACKING_PARAM = /^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|smid|ref|src)$/i;

/**
 * The part of a URL that names the article: host without `www.`, path without a trailing slash,
 * the query without tracking parameters. http/https and the fragment do not matter.
 */
export function articleUrlKey(url: string): string {
  try {
    const u = new URL(url);
    const params = [...u.searchParams].filter(([k]) => !TRACKING_PARAM.test(k)).sort(([a], [b]) => a.localeCompare(b));
    const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
    return `${u.hostname.replace(/^www\./, '')}${u.port ? `:${u.port}` : ''}${u.pathname.replace(/\/+$/, '')}${query}`;
  } catch {
    return url.trim();
  }
}
