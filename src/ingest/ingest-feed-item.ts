/** One new feed item → its page fetched, the article extracted, filtered by keyword and added. */
import type { Logger } from '../logger.ts';
import { addArticle, type AddResult } from '../corpus/add-article.ts';
import type { DuplicateIndex } from '../corpus/duplicate-index.ts';
import { looksLikeHtml } from './extract-html.ts';
import { matchesKeywords, type FeedSource } from './feeds-file.ts';
import { FetchError, fetchPage, type FetchPageOptions } from './fetch-page.ts';
import type { FeedItem } from './parse-feed.ts';
import { ArticleInputError, htmlToArticle } from './to-article.ts';

export interface ItemContext {
  corpusDir: string;
  index: DuplicateIndex;
  logger: Logger;
  fetchOptions: FetchPageOptions;
}

export type ItemOutcome =
  | { status: 'written' | 'duplicate' | 'unchanged'; file: string }
  | { status: 'filtered' }
  /** Will not work on a retry (not HTML, too large, no article in the page). */
  | { status: 'rejected' }
  /** May work next time (timeout, 5xx, network); retried on later polls. */
  | { status: 'failed'; reason: string };

const PERMANENT_FETCH_FAILURES = new Set(['too-large', 'bad-url']);

/** Fetches, extracts and adds one item's page. Never throws for a bad page: the outcome says what happened. */
export async function ingestFeedItem(item: FeedItem & { link: string }, source: FeedSource, ctx: ItemContext): Promise<ItemOutcome> {
  const log = ctx.logger.child({ feed: source.url, item: item.link });
  let page: Awaited<ReturnType<typeof fetchPage>>;
  try {
    page = await fetchPage(item.link, ctx.fetchOptions);
  } catch (err) {
    if (!(err instanceof FetchError)) throw err;
    if (err.reason === 'aborted') return { status: 'failed', reason: 'aborted' };
    const permanent = PERMANENT_FETCH_FAILURES.has(err.reason);
    log.warn({ reason: err.reason, status: err.status }, `feed item page not fetched: ${err.message}`);
    return permanent ? { status: 'rejected' } : { status: 'failed', reason: err.reason };
  }
  if (page.status !== 'ok') return { status: 'failed', reason: 'not-modified' };
  if (!isHtml(page.contentType, page.body)) {
    log.warn(
      { reason: 'not-html', contentType: page.contentType },
      `feed item page is not HTML (${page.contentType || 'no content type'}); skipped`,
    );
    return { status: 'rejected' };
  }
  let article: ReturnType<typeof htmlToArticle>;
  try {
    article = htmlToArticle(page.body, {
      pageUrl: page.url,
      fallbacks: { ...(item.title ? { title: item.title } : {}), ...(item.published ? { published: item.published } : {}) },
    });
  } catch (err) {
    if (!(err instanceof ArticleInputError)) throw err;
    log.warn({ reason: 'no-article' }, `feed item page holds no usable article: ${err.message}`);
    return { status: 'rejected' };
  }
  const searchable = [item.title, item.summary, ...item.categories, article.title, article.body].join('\n');
  if (!matchesKeywords(source.keywords, searchable)) {
    log.info({ keywords: source.keywords }, "feed item matches none of the feed's keywords; not added");
    return { status: 'filtered' };
  }
  const added = await addArticle(ctx.corpusDir, ctx.index, article);
  if (added.status === 'written') log.info({ file: added.file, title: article.title }, 'feed item added to the corpus');
  else
    log.info({ file: added.file, reason: added.reason }, `feed item already in the corpus (${describeDuplicate(added)}); not added again`);
  return { status: added.status, file: added.file };
}

function describeDuplicate(added: AddResult): string {
  if (added.status === 'unchanged') return 'identical file';
  return added.status === 'duplicate' && added.reason === 'same-url' ? 'same URL' : 'near-identical text';
}

/** HTML by its Content-Type; with none given, by a look at the body. */
export function isHtml(contentType: string, body: string): boolean {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type) return type === 'text/html' || type === 'application/xhtml+xml';
  return looksLikeHtml(body);
}
