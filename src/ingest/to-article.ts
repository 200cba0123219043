/**
 * Input of each kind (an HTML page, a Markdown file) → an article ready to write, with metadata the
 * caller gives (command-line flags) overriding what the input says, validated exactly as the
 * corpus loader will read it.
 */
import { ArticleFormatError, frontMatterSchema, parseArticleFile } from '../corpus/article-file.ts';
import type { Article } from '../core/types.ts';
import { extractHtmlArticle } from './extract-html.ts';

export type ArticleMeta = Partial<Pick<Article, 'title' | 'source' | 'url' | 'published' | 'author'>>;
export type NewArticle = Omit<Article, 'id'>;

/** Input that cannot become an article; the message says why, for a log line or the terminal. */
export class ArticleInputError extends Error {}

const META_KEYS = ['title', 'source', 'url', 'published', 'author'] as const;

/** Merges `overrides` over `found`, requires a title and a body, and validates the front matter. */
export function finishArticle(found: ArticleMeta & { body: string }, overrides: ArticleMeta = {}): NewArticle {
  const merged: ArticleMeta = {};
  for (const key of META_KEYS) {
    const value = overrides[key] ?? found[key];
    if (value) merged[key] = value;
  }
  if (!merged.title) throw new ArticleInputError('no headline found; pass --title');
  if (!/[\p{L}\p{N}]/u.test(found.body)) throw new ArticleInputError('no article text found');
  const draft = { title: merged.title, body: found.body.trim(), ...merged };
  const checked = frontMatterSchema.safeParse(draft);
  if (!checked.success) throw new ArticleInputError(checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return draft;
}

/**
 * An HTML page → article. The URL is the page's canonical link, else where it was fetched; the
 * outlet is `og:site_name` (or JSON-LD publisher), else the host name of a fetched page.
 * `overrides` (flags) win over the page; `fallbacks` (what a feed says) fill what the page lacks.
 */
export function htmlToArticle(
  html: string,
  options: { pageUrl?: string; overrides?: ArticleMeta; fallbacks?: ArticleMeta } = {},
): NewArticle {
  const { pageUrl, overrides = {}, fallbacks = {} } = options;
  const page = extractHtmlArticle(html, overrides.url ?? pageUrl);
  const host = pageUrl ? new URL(pageUrl).hostname.replace(/^www\./, '') : undefined;
  const found: ArticleMeta = {
    title: page.title,
    source: page.siteName ?? host,
    url: page.canonicalUrl ?? pageUrl,
    published: page.published,
    author: page.author,
  };
  return finishArticle({ body: page.body, ...withoutEmpty(fallbacks), ...withoutEmpty(found) }, overrides);
}

function withoutEmpty(meta: ArticleMeta): ArticleMeta {
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => v)) as ArticleMeta;
}

/**
 * A Markdown file → article: a corpus-style file with front matter keeps its fields; plain
 * Markdown takes its title from the first `# ` heading.
 */
export function markdownToArticle(text: string, overrides: ArticleMeta = {}): NewArticle {
  if (/^\uFEFF?---[ \t]*\r?\n/.test(text)) {
    try {
      const { id: _id, ...article } = parseArticleFile('input', text);
      return finishArticle(article, overrides);
    } catch (err) {
      if (err instanceof ArticleFormatError) throw new ArticleInputError(err.message);
      throw err;
    }
  }
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const h1 = lines.findIndex((line) => /^#\s+\S/.test(line));
  const title =
    h1 >= 0
      ? lines[h1]!.replace(/^#\s+/, '')
          .replace(/\s+#*\s*$/, '')
          .trim()
      : undefined;
  const body = (h1 >= 0 ? lines.filter((_, i) => i !== h1) : lines).join('\n').trim();
  return finishArticle({ body, ...(title ? { title } : {}) }, overrides);
}
