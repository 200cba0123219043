/** Writes a new article into the corpus folder: a safe file name, never overwriting, crash-safe. */
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../core/types.ts';
import { formatArticleFile } from './article-file.ts';

/** A file-name-safe slug: ASCII letters, digits and dashes only, so no `../` or odd characters survive. */
export function slugify(text: string, maxLength = 80): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[.'’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = slug.length > maxLength ? slug.slice(0, maxLength).replace(/-[^-]*$/, '') : slug;
  return cut || 'article';
}

/** `2025-03-03-pentagon-halts-…` when the date is known, else the slug alone. */
export function articleFileStem(article: Pick<Article, 'title' | 'published'>): string {
  const date = article.published?.slice(0, 10);
  return date ? `${date}-${slugify(article.title)}` : slugify(article.title);
}

export interface WriteResult {
  file: string;
  /** `written` a new file; `unchanged` an identical file was already there. */
  status: 'written' | 'unchanged';
}

/**
 * Writes the article as `DIR/<stem>.md`, or `<stem>-2.md` … when another article holds that name.
 * The text goes to a hidden temp file first and is linked into place only when complete, so a
 * watcher never sees half a file and an existing file is never overwritten (link fails if it exists).
 */
export async function writeArticle(dir: string, article: Omit<Article, 'id'>): Promise<WriteResult> {
  await mkdir(dir, { recursive: true });
  const content = formatArticleFile(article);
  const stem = articleFileStem(article);
  const temp = path.join(dir, `.${stem}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(temp, content, { flag: 'wx' });
  try {
    for (let n = 1; n < 1000; n++) {
      const file = path.join(dir, `${n === 1 ? stem : `${stem}-${n}`}.md`);
      const existing = await readFile(file, 'utf8').catch(() => undefined);
      if (existing === content) return { file, status: 'unchanged' };
      if (existing !== undefined) continue;
      try {
        await link(temp, file);
        return { file, status: 'written' };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    throw new Error(`no free file name for ${stem} in ${dir}`);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}
