/**
 * One `ingest` argument — a URL, a saved HTML page, a Markdown file or raw article text — → the
 * article it holds. The kind comes from the scheme, the file extension, or a look at the content.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { cleanRawText } from '../corpus/raw-text.ts';
import { looksLikeHtml } from './extract-html.ts';
import { FetchError, fetchPage, type FetchPageOptions } from './fetch-page.ts';
import { isHtml } from './ingest-feed-item.ts';
import { ArticleInputError, finishArticle, htmlToArticle, markdownToArticle, type ArticleMeta, type NewArticle } from './to-article.ts';

export type InputKind = 'url' | 'html' | 'markdown' | 'text';

/** `https://…` is fetched; `.html`/`.htm` files and files that start like HTML are pages; `.md` is Markdown. */
export function inputKind(input: string, content?: string): InputKind {
  if (/^https?:\/\//i.test(input)) return 'url';
  const ext = path.extname(input).toLowerCase();
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml' || (content !== undefined && looksLikeHtml(content))) return 'html';
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  return 'text';
}

/** Reads or fetches `input` and makes the article; throws {@link ArticleInputError} saying why it cannot. */
export async function readInputArticle(input: string, overrides: ArticleMeta, fetchOptions: FetchPageOptions = {}): Promise<NewArticle> {
  if (inputKind(input) === 'url') return fetchArticle(input, overrides, fetchOptions);
  const text = await readFile(input, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new ArticleInputError(`cannot read the file (${err.code ?? err.message})`);
  });
  const kind = inputKind(input, text);
  if (kind === 'html') return htmlToArticle(text, { overrides });
  if (kind === 'markdown') return markdownToArticle(text, overrides);
  return rawTextToArticle(text, overrides);
}

/** Raw text as received (repeated headlines, a date line, captions) → article; the headline and date come from the text. */
export function rawTextToArticle(raw: string, overrides: ArticleMeta): NewArticle {
  const cleaned = cleanRawText(raw);
  return finishArticle(
    {
      body: cleaned.body,
      ...(cleaned.title ? { title: cleaned.title } : {}),
      ...(cleaned.published ? { published: cleaned.published } : {}),
    },
    overrides,
  );
}

async function fetchArticle(url: string, overrides: ArticleMeta, fetchOptions: FetchPageOptions): Promise<NewArticle> {
  let page: Awaited<ReturnType<typeof fetchPage>>;
  try {
    page = await fetchPage(url, fetchOptions);
  } catch (err) {
    if (err instanceof FetchError) throw new ArticleInputError(err.message);
    throw err;
  }
  if (page.status !== 'ok') throw new ArticleInputError(`unexpected 304 Not Modified from ${url}`);
  if (!isHtml(page.contentType, page.body))
    throw new ArticleInputError(`${page.url} is not an HTML page (${page.contentType || 'no content type'})`);
  return htmlToArticle(page.body, { pageUrl: page.url, overrides });
}
