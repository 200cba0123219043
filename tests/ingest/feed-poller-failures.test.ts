import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { captureLogger } from '../helpers.ts';
import { messages, useFeedTest } from './feed-test-setup.ts';
import { fixture, HTML, RSS } from './web-server.ts';

const t = useFeedTest();

const ONE_ITEM_FEED = (link: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>One</title>
  <item><title>Pentagon Pauses Offensive Cyber Operations Against Russia</title><link>{{BASE}}${link}</link><guid>item-1</guid>
  <pubDate>Tue, 04 Mar 2025 10:00:00 GMT</pubDate></item></channel></rss>`;

describe('createFeedPoller: broken feeds', () => {
  it('logs each broken feed with its reason, crashes on none, and still reads the good one', async () => {
    const routes = t.web.routes;
    routes.set('/feed-500', { status: 500, body: 'Internal Server Error' });
    routes.set('/feed-slow', { delayMs: 5000, headers: RSS, body: await fixture('feed-rss.xml') });
    routes.set('/feed-loop', { status: 301, headers: { location: '/feed-loop' } });
    routes.set('/feed-huge', { headers: RSS, streamBytes: 3 * 1024 * 1024 });
    routes.set('/feed-invalid', { headers: RSS, body: await fixture('feed-invalid.xml') });
    routes.set('/feed-html', { headers: HTML, body: await fixture('article.html') });
    const broken = ['/feed-404', '/feed-500', '/feed-slow', '/feed-loop', '/feed-huge', '/feed-invalid', '/feed-html'];
    await t.writeFeeds(...broken.map((p) => `{{BASE}}${p}`), '{{BASE}}/rss.xml');
    const { logger, lines } = captureLogger();
    const summary = await t.poller(logger, { timeoutMs: 300, maxBytes: 1024 * 1024 }).pollOnce();

    expect(summary).toMatchObject({ feeds: 8, feedsRead: 1, feedsFailed: 7 });
    expect(summary.written).toHaveLength(2);
    const warnings = lines.filter((l) => l.level === 40).map((l) => [String(l.feed).replace(t.web.base, ''), l.reason]);
    expect(warnings).toEqual([
      ['/feed-404', 'http-status'],
      ['/feed-500', 'http-status'],
      ['/feed-slow', 'timeout'],
      ['/feed-loop', 'redirects'],
      ['/feed-huge', 'too-large'],
      ['/feed-invalid', 'invalid-feed'],
      ['/feed-html', 'not-a-feed'],
    ]);
    expect(messages(lines)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^feed not fetched: HTTP 404 from /),
        expect.stringMatching(/^feed not read: invalid XML at line \d+/),
        expect.stringMatching(/^feed not read: http:\/\/127\.0\.0\.1:\d+\/feed-html is an HTML page, not an RSS or Atom feed$/),
      ]),
    );
    expect(lines.filter((l) => l.level === 50)).toEqual([]);
  });

  it('reports a FEEDS file it cannot use, naming the line', async () => {
    await t.writeFeeds('{{BASE}}/rss.xml', 'not-a-url keywords: x');
    const { logger, lines } = captureLogger();
    const summary = await t.poller(logger).pollOnce();
    expect(summary.feedsFileError).toMatch(/feeds.txt line 2: "not-a-url" is not an http\(s\) address/);
    expect(lines.find((l) => l.level === 50)?.msg).toMatch(/^FEEDS file not used: .*line 2/);
    expect(await t.corpusFiles()).toEqual([]);
    await rm(t.feedsFile);
    expect((await t.poller(logger).pollOnce()).feedsFileError).toMatch(/cannot read .*feeds.txt: ENOENT/);
  });
});

describe('createFeedPoller: item pages that fail', () => {
  it('retries an item whose page failed, without using the ETag that would hide it, and adds it once fixed', async () => {
    t.web.routes.set('/one.xml', { headers: RSS, etag: '"one"', body: ONE_ITEM_FEED('/flaky') });
    t.web.routes.set('/flaky', { status: 503, body: 'try later' });
    await t.writeFeeds('{{BASE}}/one.xml');
    const { logger, lines } = captureLogger();
    const p = t.poller(logger);
    expect(await p.pollOnce()).toMatchObject({ failed: 1, written: [] });
    expect(messages(lines)).toEqual(
      expect.arrayContaining([
        `feed item page not fetched: HTTP 503 from ${t.web.base}/flaky`,
        'feed item will be retried on the next poll',
      ]),
    );
    t.web.routes.set('/flaky', { headers: HTML, body: await fixture('article.html') });
    const second = await p.pollOnce();
    expect(t.web.requests.filter((r) => r.path === '/one.xml')[1]!.headers['if-none-match']).toBeUndefined();
    expect(second.written).toHaveLength(1);
    expect(await p.pollOnce()).toMatchObject({ notModified: 1 });
    expect(await t.corpusFiles()).toHaveLength(1);
  });

  it('gives up on an item after maxItemAttempts failures, with a log line', async () => {
    t.web.routes.set('/one.xml', { headers: RSS, body: ONE_ITEM_FEED('/always-500') });
    t.web.routes.set('/always-500', { status: 500 });
    await t.writeFeeds('{{BASE}}/one.xml');
    const { logger, lines } = captureLogger();
    const p = t.poller(logger, { maxItemAttempts: 2 });
    await p.pollOnce();
    await p.pollOnce();
    await p.pollOnce();
    expect(t.web.hits('/always-500')).toBe(2);
    expect(lines.find((l) => String(l.msg).startsWith('giving up'))).toMatchObject({
      msg: 'giving up on feed item after 2 failed attempts',
      item: `${t.web.base}/always-500`,
    });
  });

  it('skips an item whose page is not HTML, once, with a log line naming the content type', async () => {
    t.web.routes.set('/docs.xml', { headers: RSS, body: await fixture('item-page-is-pdf.xml') });
    t.web.routes.set('/files/order.pdf', { headers: { 'content-type': 'application/pdf' }, body: '%PDF-1.7 …' });
    await t.writeFeeds('{{BASE}}/docs.xml');
    const { logger, lines } = captureLogger();
    const p = t.poller(logger);
    expect(await p.pollOnce()).toMatchObject({ rejected: 1, failed: 0 });
    await p.pollOnce();
    expect(t.web.hits('/files/order.pdf')).toBe(1);
    expect(lines.find((l) => l.reason === 'not-html')).toMatchObject({
      msg: 'feed item page is not HTML (application/pdf); skipped',
      contentType: 'application/pdf',
    });
    expect(await t.corpusFiles()).toEqual([]);
  });

  it('logs an item page that times out and keeps it for the next poll', async () => {
    t.web.routes.set('/one.xml', { headers: RSS, body: ONE_ITEM_FEED('/slow-page') });
    t.web.routes.set('/slow-page', { delayMs: 5000, headers: HTML, body: await fixture('article.html') });
    await t.writeFeeds('{{BASE}}/one.xml');
    const { logger, lines } = captureLogger();
    expect(await t.poller(logger, { timeoutMs: 200 }).pollOnce()).toMatchObject({ failed: 1 });
    expect(lines.find((l) => l.reason === 'timeout')?.msg).toMatch(
      /^feed item page not fetched: no complete answer from .*\/slow-page within 200 ms/,
    );
    t.web.routes.set('/slow-page', { headers: HTML, body: await fixture('article.html') });
    expect((await t.poller(logger, { timeoutMs: 200 }).pollOnce()).written).toHaveLength(1);
  });
});
