import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeed } from '../../src/ingest/parse-feed.ts';
import { fixture } from './web-server.ts';

const BASE = 'http://feeds.test';
const load = async (name: string) => (await fixture(name)).replaceAll('{{BASE}}', BASE);

describe('parseFeed', () => {
  it('reads RSS 2.0 items: guid, link, date as ISO, categories, description as text', async () => {
    const feed = parseFeed(await load('feed-rss.xml'));
    expect(feed.title).toBe('The Ledger: World');
    expect(feed.items).toHaveLength(4);
    expect(feed.items[0]).toEqual({
      guid: 'ledger-1001',
      link: `${BASE}/articles/pentagon-pause`,
      title: 'Pentagon Pauses Offensive Cyber Operations Against Russia',
      summary: 'Hegseth orders Cyber Command to stand down.',
      published: '2025-03-04T09:00:00Z',
      categories: ['Security'],
    });
    expect(feed.items[3]!.published).toBeUndefined();
  });

  it('reads Atom entries: the alternate link resolved against the feed, published else updated', async () => {
    const feed = parseFeed(await load('feed-atom.xml'), `${BASE}/atom.xml`);
    expect(feed.title).toBe('Capitol Wire');
    expect(feed.items.map((i) => [i.guid, i.link, i.published])).toEqual([
      ['urn:capitolwire:2001', `${BASE}/articles/schumer`, '2025-03-04T01:00:00Z'],
      ['urn:capitolwire:1999', `${BASE}/articles/briefing`, '2025-02-20T09:00:00Z'],
    ]);
    expect(feed.items[0]!.categories).toEqual(['Congress']);
  });

  it('keeps guids as text and uses a permalink guid as the link', () => {
    const feed = parseFeed(
      '<rss><channel><item><guid>0012</guid><title>A</title></item><item><guid>https://x.test/a</guid></item></channel></rss>',
    );
    expect(feed.items[0]).toMatchObject({ guid: '0012' });
    expect(feed.items[0]!.link).toBeUndefined();
    expect(feed.items[1]).toMatchObject({ guid: 'https://x.test/a', link: 'https://x.test/a' });
  });

  it('reads RSS 1.0 (RDF)', () => {
    const feed =
      parseFeed(`<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel><title>Old style</title></channel><item><title>One</title><link>https://x.test/1</link><dc:date>2025-03-04T08:00:00Z</dc:date></item></rdf:RDF>`);
    expect(feed.items).toEqual([{ title: 'One', link: 'https://x.test/1', published: '2025-03-04T08:00:00Z', categories: [] }]);
  });

  it('says where invalid XML breaks, and that HTML is not a feed', async () => {
    expect(() => parseFeed(`${'<'}rss><channel><item></channel></rss>`)).toThrow(FeedParseError);
    const invalid = await load('feed-invalid.xml');
    expect(() => parseFeed(invalid)).toThrow(/^invalid XML at line \d+: /);
    expect(() => parseFeed('<html><body><p>hi</p></body></html>')).toThrow(/not an RSS or Atom feed \(the document is <html>\)/);
    expect(() => parseFeed('')).toThrow(FeedParseError);
  });
});
