/**
 * An HTML page → the article it carries: Mozilla Readability (Firefox's reader view) finds the body
 * and drops navigation, footers and asides; the page's own metadata gives title, outlet, date,
 * author and canonical URL. The body becomes the corpus's Markdown.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { readPageMetadata, toIsoDate, type PageMetadata } from './html-metadata.ts';
import { htmlToMarkdown, type NodeLike } from './html-to-markdown.ts';

export interface ExtractedPage extends Omit<PageMetadata, 'documentTitle'> {
  /** Markdown body: paragraphs, `## ` headings, `_caption_` lines. Empty when no article was found. */
  body: string;
}

/** Extracts the article from `html`; `pageUrl` (where it was fetched) resolves relative links. */
export function extractHtmlArticle(html: string, pageUrl?: string): ExtractedPage {
  const { document } = parseHTML(html);
  // Metadata first: Readability rewrites the document as it works.
  const { documentTitle, ...meta } = readPageMetadata(document, pageUrl);
  const parsed = readArticle(document);
  const title = meta.title ?? clean(parsed?.title) ?? documentTitle;
  const body = parsed?.content ? htmlToMarkdown(parsed.content, title) : '';
  const siteName = meta.siteName ?? clean(parsed?.siteName);
  const published = meta.published ?? toIsoDate(clean(parsed?.publishedTime));
  const author = meta.author ?? clean(parsed?.byline)?.replace(/^by\s+/i, '');
  return {
    body,
    ...(title ? { title } : {}),
    ...(siteName ? { siteName } : {}),
    ...(published ? { published } : {}),
    ...(author ? { author } : {}),
    ...(meta.canonicalUrl ? { canonicalUrl: meta.canonicalUrl } : {}),
  };
}

/** Readability's result, or null when it finds no article (or cannot read the document at all). */
function readArticle(document: unknown) {
  try {
    return new Readability<NodeLike>(document as never, { serializer: (node) => node as unknown as NodeLike }).parse();
  } catch {
    return null;
  }
}

/** True when a body looks like an HTML document (for saved files without a telling extension). */
export function looksLikeHtml(text: string): boolean {
  return /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>])/i.test(text.slice(0, 4096));
}

function clean(value: string | null | undefined): string | undefined {
  const s = value?.replace(/\s+/g, ' ').trim();
  return s ? s : undefined;
}
