/** Adds an article to the corpus unless the corpus already holds it. */
import { readFile } from 'node:fs/promises';
import type { Article } from '../core/types.ts';
import { formatArticleFile } from './article-file.ts';
import type { Duplicate, DuplicateIndex } from './duplicate-index.ts';
import { writeArticle } from './write-article.ts';

export type AddResult =
  /** A new corpus file. */
  | { status: 'written'; file: string }
  /** Exactly this file is already in the corpus (found by `reason`, when the duplicate check found it). */
  | { status: 'unchanged'; file: string; reason?: Duplicate['reason'] }
  /** The corpus holds this article already (`file`), under the same URL or with near-identical text. */
  | ({ status: 'duplicate' } & Duplicate);

/** Writes `article` into `dir` with {@link writeArticle}, unless `index` finds it there already; `index` then holds it too. */
export async function addArticle(dir: string, index: DuplicateIndex, article: Omit<Article, 'id'>): Promise<AddResult> {
  const duplicate = index.findDuplicate(article);
  if (duplicate) {
    const existing = await readFile(duplicate.file, 'utf8').catch(() => undefined);
    if (existing === formatArticleFile(article)) return { status: 'unchanged', ...duplicate };
    return { status: 'duplicate', ...duplicate };
  }
  const result = await writeArticle(dir, article);
  index.add(result.file, article);
  return result;
}
