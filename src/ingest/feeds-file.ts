/**
 * The FEEDS file: one feed per line, optionally followed by keyword filters.
 *
 * ```text
 * # comments and blank lines are ignored
 * https://example.com/feed.xml
 * https://example.com/world/rss  keywords: cyber, pentagon, "cyber command"
 * ```
 */

export interface FeedSource {
  /** The feed's address (http or https). */
  url: string;
  /** An item is kept when any keyword matches (case-insensitive, at the start of a word); empty keeps all. */
  keywords: string[];
  /** 1-based line in the FEEDS file, for messages. */
  line: number;
}

/** A FEEDS file that cannot be read as intended; the message names the file and line. */
export class FeedsFileError extends Error {}

const KEYWORDS_RE = /^keywords\s*:\s*(.*)$/i;

/** Parses the text of a FEEDS file; throws {@link FeedsFileError} for the first bad line. */
export function parseFeedsFile(text: string, fileName = 'FEEDS'): FeedSource[] {
  const feeds: FeedSource[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const fail = (why: string) => new FeedsFileError(`${fileName} line ${i + 1}: ${why}`);
    const [address = '', ...restWords] = line.split(/\s+/);
    const url = parseFeedUrl(address);
    if (!url) throw fail(`"${address}" is not an http(s) address; each line is a feed URL, optionally followed by "keywords: a, b"`);
    const rest = restWords.join(' ');
    const keywords = rest ? parseKeywords(rest) : [];
    if (keywords === undefined) throw fail(`expected "keywords: word, word" after the URL, found "${rest}"`);
    const earlier = feeds.find((f) => f.url === url);
    if (earlier) throw fail(`${url} is already listed on line ${earlier.line}`);
    feeds.push({ url, keywords, line: i + 1 });
  }
  return feeds;
}

function parseFeedUrl(address: string): string | undefined {
  try {
    const url = new URL(address);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** `keywords: cyber, "cyber command", pentagon` → the list; undefined when the text is not of that form. */
function parseKeywords(rest: string): string[] | undefined {
  const match = KEYWORDS_RE.exec(rest);
  if (!match) return undefined;
  const words = (match[1] ?? '')
    .split(',')
    .map((w) =>
      w
        .trim()
        .replace(/^["']|["']$/g, '')
        .trim(),
    )
    .filter(Boolean);
  return words.length ? words : undefined;
}

/** True when `keywords` is empty or one of them starts a word of `text` (`cyber` matches "cyberattack"). */
export function matchesKeywords(keywords: readonly string[], text: string): boolean {
  if (keywords.length === 0) return true;
  const haystack = text.normalize('NFKC').toLowerCase();
  return keywords.some((keyword) => {
    const needle = keyword
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\s+/g, '\\s+');
    return new RegExp(`(?<![\\p{L}\\p{N}])${needle}`, 'u').test(haystack);
  });
}
