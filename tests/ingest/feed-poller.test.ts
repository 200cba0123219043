import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureLogger } from '../helpers.ts';
import { messages, useFeedTest } from './feed-test-setup.ts';
import { fixture, RSS } from './web-server.ts';

const t = useFeedTest();

describe('createFeedPoller: first poll', () => {
  it('adds recent items only, without fetching the pages of older or undated ones', async () => {
    await t.writeFeeds('{{BASE}}/rss.xml', '{{BASE}}/atom.xml');
    const { logger, lines } = captureLogger();
    const summary = await t.poller(logger).pollOnce();
    expect(await t.corpusFiles()).toEqual([
      '2025-03-03-city-council-approves-budget-for-parks.md',
      '2025-03-03-pentagon-pauses-offensive-cyber-operations-against-russia.md',
      '2025-03-03-schumer-calls-cyber-pause-a-huge-mistake.md',
    ]);
    expect(summary).toMatchObject({ feeds: 2, feedsRead: 2, skippedOld: 3, duplicates: 0, failed: 0 });
    expect(summary.written).toHaveLength(3);
    expect(t.web.hits('/articles/old-story') + t.web.hits('/articles/undated') + t.web.hits('/articles/briefing')).toBe(0);
    expect(lines.filter((l) => l.msg === 'feed item added to the corpus').map((l) => l.item)).toContain(
      `${t.web.base}/articles/pentagon-pause`,
    );
    const written = await readFile(
      path.join(t.corpusDir, '2025-03-03-pentagon-pauses-offensive-cyber-operations-against-russia.md'),
      'utf8',
    );
    expect(written).toContain(`url: ${t.web.base}/2025/03/03/pentagon-pauses-cyber-operations`);
    expect(written).toContain('source: The Ledger');
    expect(written).not.toContain('Subscribe now');
  });

  it('takes a longer history when the backfill window is wider', async () => {
    await t.writeFeeds('{{BASE}}/rss.xml');
    const summary = await t.poller(undefined, { backfillWindowMs: 30 * 24 * 3600_000 }).pollOnce();
    // The undated item is still not backfilled: its age cannot be known.
    expect(summary).toMatchObject({ skippedOld: 1 });
    expect(summary.written).toHaveLength(3);
  });
});

describe('createFeedPoller: later polls and restarts', () => {
  it('uses a conditional GET and adds nothing twice', async () => {
    await t.writeFeeds('{{BASE}}/rss.xml');
    const p = t.poller();
    await p.pollOnce();
    const second = await p.pollOnce();
    expect(second).toMatchObject({ notModified: 1, feedsRead: 0 });
    expect(second.written).toEqual([]);
    expect(t.web.requests.filter((r) => r.path === '/rss.xml').at(-1)!.headers['if-none-match']).toBe('"rss-1"');
    expect(await t.corpusFiles()).toHaveLength(2);
  });

  it('survives a restart and a feed that reorders and re-dates its items: only the new item is added', async () => {
    await t.writeFeeds('{{BASE}}/rss.xml');
    await t.poller().pollOnce();
    const before = await t.corpusFiles();
    t.web.routes.set('/rss.xml', { headers: RSS, body: await fixture('feed-rss-reordered.xml') });
    const { logger, lines } = captureLogger();
    const summary = await t.poller(logger).pollOnce(); // a new poller on the same STATE_DIR
    expect(summary.written.map((f) => path.basename(f))).toEqual(['2025-03-03-schumer-calls-cyber-pause-a-huge-mistake.md']);
    expect(await t.corpusFiles()).toEqual([...before, '2025-03-03-schumer-calls-cyber-pause-a-huge-mistake.md'].sort());
    // Re-dated old and undated items were remembered on the first poll, so they are not fetched now.
    expect(t.web.hits('/articles/old-story') + t.web.hits('/articles/undated')).toBe(0);
    expect(lines.filter((l) => l.level === 50)).toEqual([]);
  });

  it('reports an article already in the corpus as a duplicate: by canonical URL or by near-identical text', async () => {
    await t.writeFeeds('{{BASE}}/atom.xml');
    await t.poller().pollOnce();
    await t.writeFeeds('{{BASE}}/atom.xml', '{{BASE}}/rss.xml');
    t.web.routes.set('/rss.xml', { headers: RSS, body: await fixture('feed-rss-reordered.xml') });
    const { logger, lines } = captureLogger();
    // Within the last hour: undated (11:59), schumer (11:50), pentagon (11:45), old-story (11:30), parks (11:00).
    const summary = await t.poller(logger, { backfillWindowMs: 3600_000 }).pollOnce();
    expect(summary.written).toHaveLength(3);
    expect(summary.duplicates).toBe(2);
    const duplicates = lines.filter((l) => String(l.msg).startsWith('feed item already in the corpus'));
    expect(duplicates).toEqual([
      // The same text at another address (the page has no canonical link).
      expect.objectContaining({ item: `${t.web.base}/articles/old-story`, reason: 'near-identical-text' }),
      // The Atom feed added this page already; the RSS feed links the same canonical URL.
      expect.objectContaining({ item: `${t.web.base}/articles/schumer`, reason: 'same-url' }),
    ]);
    expect((await t.corpusFiles()).filter((f) => f.includes('schumer'))).toHaveLength(1);
    expect((await t.corpusFiles()).filter((f) => f.includes('officials-review'))).toHaveLength(1);
  });

  it('sets a corrupt state file aside and still doubles nothing', async () => {
    await t.writeFeeds('{{BASE}}/rss.xml');
    await t.poller().pollOnce();
    // An install from before the database whose feeds.json is corrupt, polling the same corpus.
    t.stateDir = path.join(path.dirname(t.stateDir), 'old-install-state');
    await mkdir(t.stateDir, { recursive: true });
    await writeFile(path.join(t.stateDir, 'feeds.json'), '{ not json');
    const { logger, lines } = captureLogger();
    const summary = await t.poller(logger).pollOnce();
    expect(messages(lines)).toContain('feed state file is corrupt; set aside, starting afresh');
    expect(summary.written).toEqual([]);
    expect(summary.duplicates).toBe(2);
    expect(await t.corpusFiles()).toHaveLength(2);
    expect((await readdir(t.stateDir)).some((f) => f.startsWith('feeds.json.corrupt-'))).toBe(true);
  });
});

describe('createFeedPoller: keywords', () => {
  it('adds only items matching a keyword, and remembers the others without fetching them again', async () => {
    await t.writeFeeds('{{BASE}}/rss.xml  keywords: cyber, hegseth');
    const { logger, lines } = captureLogger();
    const p = t.poller(logger);
    const summary = await p.pollOnce();
    expect(summary).toMatchObject({ filtered: 1 });
    expect(await t.corpusFiles()).toEqual(['2025-03-03-pentagon-pauses-offensive-cyber-operations-against-russia.md']);
    expect(lines.find((l) => String(l.msg).includes("matches none of the feed's keywords"))).toMatchObject({
      item: `${t.web.base}/articles/parks-budget`,
      keywords: ['cyber', 'hegseth'],
    });
    t.web.routes.get('/rss.xml')!.etag = '"rss-2"';
    await p.pollOnce();
    expect(t.web.hits('/articles/parks-budget')).toBe(1);
  });
});
