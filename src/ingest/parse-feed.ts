/** RSS 2.0, RSS 1.0 (RDF) and Atom documents → the items they list, parsed with fast-xml-parser. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseHTML } from 'linkedom';
import { toIsoDate } from './html-metadata.ts';

export interface FeedItem {
  /** RSS `<guid>` / Atom `<id>`, when given. */
  guid?: string;
  /** The item's page, absolute. */
  link?: string;
  title?: string;
  /** Description or summary, as plain text. */
  summary?: string;
  /** ISO date-time the feed gives for the item (published, else updated). */
  published?: string;
  categories: string[];
}

export interface ParsedFeed {
  title?: string;
  items: FeedItem[];
}

/** Not a feed: invalid XML, or XML of another kind. */
export class FeedParseError extends Error {}

type XmlNode = Record<string, unknown>;

const ARRAY_TAGS = new Set(['item', 'entry', 'link', 'category']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Values stay strings: a guid of "0012" must not become the number 12.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ARRAY_TAGS.has(name),
});

/** Parses a feed document; throws {@link FeedParseError} saying what is wrong. `baseUrl` resolves relative links. */
export function parseFeed(xml: string, baseUrl?: string): ParsedFeed {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new FeedParseError(`invalid XML at line ${valid.err.line}: ${valid.err.msg}`);
  let doc: XmlNode;
  try {
    doc = parser.parse(xml) as XmlNode;
  } catch (err) {
    throw new FeedParseError(`invalid XML: ${(err as Error).message}`);
  }
  const rss = node(doc.rss);
  if (rss) return rssFeed(node(rss.channel), list(node(rss.channel)?.item), baseUrl);
  const rdf = node(doc['rdf:RDF']);
  if (rdf) return rssFeed(node(rdf.channel), list(rdf.item), baseUrl);
  const atom = node(doc.feed);
  if (atom) return { ...optional('title', text(atom.title)), items: list(atom.entry).map((e) => atomItem(e, baseUrl)) };
  const root = Object.keys(doc).find((k) => !k.startsWith('?')) ?? 'nothing';
  throw new FeedParseError(`not an RSS or Atom feed (the document is <${root}>)`);
}

function rssFeed(channel: XmlNode | undefined, items: XmlNode[], baseUrl?: string): ParsedFeed {
  return { ...optional('title', text(channel?.title)), items: items.map((item) => rssItem(item, baseUrl)) };
}

function rssItem(item: XmlNode, baseUrl?: string): FeedItem {
  const guid = text(item.guid);
  const guidIsLink = node(item.guid)?.['@_isPermaLink'] !== 'false' && guid !== undefined && /^https?:\/\//.test(guid);
  const link = absolute(text(item.link) ?? (guidIsLink ? guid : undefined), baseUrl);
  return build({
    guid,
    link,
    title: plain(text(item.title)),
    summary: plain(text(item.description) ?? text(item['content:encoded'])),
    published: toIsoDate(text(item.pubDate) ?? text(item['dc:date'])),
    categories: list(item.category).map(text).filter(isString),
  });
}

function atomItem(entry: XmlNode, baseUrl?: string): FeedItem {
  const links = list(entry.link);
  const alternate = links.find((l) => (l['@_rel'] ?? 'alternate') === 'alternate') ?? links[0];
  return build({
    guid: text(entry.id),
    link: absolute(typeof alternate?.['@_href'] === 'string' ? alternate['@_href'] : undefined, baseUrl),
    title: plain(text(entry.title)),
    summary: plain(text(entry.summary) ?? text(entry.content)),
    published: toIsoDate(text(entry.published) ?? text(entry.updated)),
    categories: list(entry.category)
      .map((c) => text(c['@_term']) ?? text(c))
      .filter(isString),
  });
}

function node(value: unknown): XmlNode | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as XmlNode) : undefined;
}

function list(value: unknown): XmlNode[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) =>
    typeof v === 'object' && v ? (v as XmlNode) : { '#text': v },
  );
}

/** The text of an element: a string, or the `#text` of an element with attributes. */
function text(value: unknown): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  const s =
    typeof v === 'string' || typeof v === 'number'
      ? String(v)
      : typeof node(v)?.['#text'] === 'string'
        ? (node(v)!['#text'] as string)
        : undefined;
  return s?.trim() ? s.trim() : undefined;
}

/** Descriptions often hold escaped HTML; for keyword matching and logs, its text is enough. */
function plain(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const html =
    value.includes('<') || value.includes('&')
      ? parseHTML(`<!doctype html><html><body>${value}</body></html>`).document.body.textContent
      : value;
  const s = html?.replace(/\s+/g, ' ').trim();
  return s ? s : undefined;
}

function absolute(href: string | undefined, base?: string): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function build(item: { [K in keyof FeedItem]: FeedItem[K] | undefined }): FeedItem {
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined)) as unknown as FeedItem;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value ? { [key]: value } : {}) as { [P in K]?: string };
}

function isString(value: string | undefined): value is string {
  return value !== undefined;
}
