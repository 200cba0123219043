/**
 * What the corpus already holds, for telling whether an incoming article is one we have: the same
 * canonical URL, or near-identical text (a syndicated copy, a re-published page).
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { findNearDuplicates } from '../core/near-duplicates.ts';
import type { Article } from '../core/types.ts';
import { isCandidateArticleFile, loadArticleFile } from '../corpus/load-corpus.ts';

/** Shingle Jaccard from which two article bodies count as the same article. */
export const DEFAULT_DUPLICATE_TEXT_THRESHOLD = 0.8;

export interface Duplicate {
  /** The corpus file that already holds the article. */
  file: string;
  reason: 'same-url' | 'near-identical-text';
}

interface Known { file: string; urlKey?: string; body: string }

export interface CorpusIndex {
  /** The article already in the corpus that `article` repeats, if any. */
  findDuplicate(article: Pick<Article, 'url' | 'body'>): Duplicate | undefined;
  /** Remembers an article just written, so the next one is checked against it too. */
  add(file: string, article: Pick<Article, 'url' | 'body'>): void;
}

/** Reads every loadable article in `dir` (a missing folder is an empty corpus). */
export async function loadCorpusIndex(dir: string, threshold = DEFAULT_DUPLICATE_TEXT_THRESHOLD): Promise<CorpusIndex> {
  const names = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  const known: Known[] = [];
  for (const name of names.filter(isCandidateArticleFile).sort()) {
    const file = path.join(dir, name);
    // Files the loader would skip are not in the corpus; it reports them itself.
    const article = await loadArticleFile(file).catch(() => undefined);
    if (article) known.push(toKnown(file, article));
  }
  return createCorpusIndex(known, threshold);
}

function createCorpusIndex(known: Known[], threshold: number): CorpusIndex {
  return {
    findDuplicate(article) {
      const urlKey = article.url ? articleUrlKey(article.url) : undefined;
      const sameUrl = urlKey ? known.find((k) => k.urlKey === urlKey) : undefined;
      if (sameUrl) return { file: sameUrl.file, reason: 'same-url' };
      const duplicateOf = findNearDuplicates([...known.map((k) => k.body), article.body], threshold).at(-1);
      return duplicateOf === undefined ? undefined : { file: known[duplicateOf]!.file, reason: 'near-identical-text' };
    },
    add(file, article) {
      known.push(toKnown(file, article));
    },
  };
}

function toKnown(file: string, article: Pick<Article, 'url' | 'body'>): Known {
  const urlKey = article.url ? articleUrlKey(article.url) : undefined;
  return { file, body: article.body, ...(urlKey ? { urlKey } : {}) };
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
