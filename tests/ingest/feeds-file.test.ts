import { describe, expect, it } from 'vitest';
import { FeedsFileError, matchesKeywords, parseFeedsFile } from '../../src/ingest/feeds-file.ts';
import { parseDuration } from '../../src/ingest/parse-duration.ts';

describe('parseFeedsFile', () => {
  it('reads URLs with optional keywords, skipping comments and blank lines', () => {
    const feeds = parseFeedsFile(
      [
        '# feeds for the cyber story',
        '',
        'https://example.com/feed.xml',
        '  https://example.org/world/rss   keywords: cyber, Pentagon, "cyber command"  # trailing comment',
        'http://example.net/atom KEYWORDS:hegseth',
      ].join('\r\n'),
    );
    expect(feeds).toEqual([
      { url: 'https://example.com/feed.xml', keywords: [], line: 3 },
      { url: 'https://example.org/world/rss', keywords: ['cyber', 'Pentagon', 'cyber command'], line: 4 },
      { url: 'http://example.net/atom', keywords: ['hegseth'], line: 5 },
    ]);
  });

  it.each([
    ['example.com/feed.xml', /line 2: "example.com\/feed.xml" is not an http\(s\) address/],
    ['ftp://example.com/feed.xml', /line 2: .* is not an http\(s\) address/],
    ['https://example.com/b.xml cyber pentagon', /line 2: expected "keywords: word, word" after the URL, found "cyber pentagon"/],
    ['https://example.com/b.xml keywords:', /line 2: expected "keywords: word, word"/],
    ['https://example.com/a.xml', /line 2: https:\/\/example.com\/a.xml is already listed on line 1/],
  ])('names the line of a bad entry: %s', (line, message) => {
    expect(() => parseFeedsFile(`https://example.com/a.xml\n${line}\n`, 'feeds.txt')).toThrow(FeedsFileError);
    expect(() => parseFeedsFile(`https://example.com/a.xml\n${line}\n`, 'feeds.txt')).toThrow(new RegExp(`^feeds.txt ${message.source}`));
  });
});

describe('matchesKeywords', () => {
  it('matches case-insensitively at the start of a word, phrases across white space', () => {
    expect(matchesKeywords([], 'anything')).toBe(true);
    expect(matchesKeywords(['cyber'], 'A CYBERATTACK on the grid')).toBe(true);
    expect(matchesKeywords(['cyber'], 'anticyber measures')).toBe(false);
    expect(matchesKeywords(['cyber command'], 'U.S. Cyber\n Command stood down')).toBe(true);
    expect(matchesKeywords(['pentagon', 'hegseth'], 'The city budget')).toBe(false);
    expect(matchesKeywords(['c++'], 'written in C++ mostly')).toBe(true);
  });
});

describe('parseDuration', () => {
  it('reads 90s, 15m, 24h, 7d, 500ms and rejects the rest clearly', () => {
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('24h')).toBe(86_400_000);
    expect(parseDuration(' 7d ')).toBe(604_800_000);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(() => parseDuration('15', 'FEED_INTERVAL')).toThrow(
      /FEED_INTERVAL must be a positive duration such as 90s, 15m, 24h or 7d \(got "15"\)/,
    );
    expect(() => parseDuration('0m')).toThrow(/positive/);
  });
});
