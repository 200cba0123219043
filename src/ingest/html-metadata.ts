/**
 * The metadata a news page carries about itself: Open Graph and article:* meta tags, JSON-LD
 * (schema.org NewsArticle), the canonical link and the `<title>`. Read from a parsed document
 * before extraction changes it.
 */

/** What a page says about itself; every field may be missing. */
export interface PageMetadata {
  /** `og:title`, else the JSON-LD headline. */
  title?: string;
  /** The `<title>` element, often with the site's name appended. */
  documentTitle?: string;
  siteName?: string;
  /** ISO date or date-time, as the corpus front matter accepts it. */
  published?: string;
  author?: string;
  /** Canonical address, absolute, http(s). */
  canonicalUrl?: string;
}

/** The part of a DOM document read here (linkedom and jsdom both provide it). */
interface DocumentLike {
  querySelector(selector: string): { getAttribute(name: string): string | null; textContent: string | null } | null;
  querySelectorAll(selector: string): Iterable<{ textContent: string | null }>;
}

/** Reads the page's own metadata; `pageUrl` resolves relative canonical links. */
export function readPageMetadata(document: DocumentLike, pageUrl?: string): PageMetadata {
  const ld = readJsonLdArticle(document);
  const meta = (key: string) =>
    clean(document.querySelector(`meta[property="${key}"]`)?.getAttribute('content')) ??
    clean(document.querySelector(`meta[name="${key}"]`)?.getAttribute('content'));
  const title = meta('og:title') ?? text(ld?.headline);
  const documentTitle = clean(document.querySelector('title')?.textContent);
  const siteName = meta('og:site_name') ?? text(nameOf(ld?.publisher));
  const published = toIsoDate(meta('article:published_time') ?? text(ld?.datePublished) ?? meta('date') ?? meta('dc.date'));
  const author = meta('author') ?? authorFromLd(ld?.author) ?? nonUrl(meta('article:author'));
  const canonicalUrl =
    absoluteHttpUrl(document.querySelector('link[rel="canonical"]')?.getAttribute('href'), pageUrl) ??
    absoluteHttpUrl(meta('og:url'), pageUrl);
  return dropEmpty({ title, documentTitle, siteName, published, author, canonicalUrl });
}

type LdNode = Record<string, unknown>;
const ARTICLE_TYPES = /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting|WebPage|ReportageArticle)$/;

/** The first JSON-LD node that describes an article, looking inside arrays and `@graph`. */
function readJsonLdArticle(document: DocumentLike): LdNode | undefined {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const found = flattenLd(data).find((node) => [node['@type']].flat().some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t)));
    if (found) return found;
  }
  return undefined;
}

function flattenLd(data: unknown): LdNode[] {
  if (Array.isArray(data)) return data.flatMap(flattenLd);
  if (!data || typeof data !== 'object') return [];
  const node = data as LdNode;
  return [node, ...flattenLd(node['@graph'])];
}

function nameOf(value: unknown): unknown {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as LdNode).name : value;
}

function authorFromLd(value: unknown): string | undefined {
  const names = [value]
    .flat()
    .map((a) => text(nameOf(a)))
    .filter((n): n is string => Boolean(n));
  return names.length ? names.join(', ') : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? clean(value) : undefined;
}

function clean(value: string | null | undefined): string | undefined {
  const s = value?.replace(/\s+/g, ' ').trim();
  return s ? s : undefined;
}

/** `article:author` is often a profile URL rather than a name; a URL is not an author. */
function nonUrl(value: string | undefined): string | undefined {
  return value && !/^https?:\/\//i.test(value) ? value : undefined;
}

function absoluteHttpUrl(href: string | null | undefined, base?: string): string | undefined {
  if (!href?.trim()) return undefined;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const ISO_RE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A date as the corpus accepts it: ISO dates and date-times are kept as written (their offset
 * says something), anything else Date can read (RFC 822 in RSS) becomes a UTC date-time.
 */
export function toIsoDate(value: string | undefined): string | undefined {
  const s = value?.trim();
  if (!s) return undefined;
  if (ISO_RE.test(s) && !Number.isNaN(Date.parse(s))) return s;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z');
}

function dropEmpty<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
