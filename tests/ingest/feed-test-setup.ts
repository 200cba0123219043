/** Shared set-up for feed poller tests: a loopback web server with the fixtures, temp corpus and state. */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { createFeedPoller, type FeedPollerOptions } from '../../src/ingest/feed-poller.ts';
import type { Logger } from '../../src/logger.ts';
import type { FeedStateStore } from '../../src/state/feed-store.ts';
import { openState, type BriefState } from '../../src/state/open-state.ts';
import { captureLogger } from '../helpers.ts';
import { ATOM, fixture, HTML, RSS, startWebServer, type TestWebServer } from './web-server.ts';

// The fixtures' newest items are from the morning of 4 March 2025; the clock stands at noon.
export const NOW = new Date('2025-03-04T12:00:00Z');

export interface FeedTest {
  web: TestWebServer;
  corpusDir: string;
  stateDir: string;
  feedsFile: string;
  /** Writes the FEEDS file; `{{BASE}}` becomes the web server's address. */
  writeFeeds(...lines: string[]): Promise<void>;
  poller(logger?: ReturnType<typeof captureLogger>['logger'], extra?: Partial<FeedPollerOptions>): ReturnType<typeof createFeedPoller>;
  corpusFiles(): Promise<string[]>;
}

/** Registers beforeEach/afterEach hooks; the returned object is filled in before each test. */
export function useFeedTest(): FeedTest {
  const t = {} as FeedTest;
  let tmp = '';
  const opened: Promise<BriefState>[] = [];
  /** The feed store in `stateDir`'s database, opened on first use (as the bot or the CLI would). */
  const lazyFeedState = (stateDir: string, logger: Logger): FeedStateStore => {
    let state: Promise<BriefState> | undefined;
    const get = () =>
      (state ??= (() => {
        const p = openState({ stateDir }, logger);
        opened.push(p);
        return p;
      })());
    return {
      load: async () => (await get()).feeds.load(),
      saveFeed: async (feed, record) => (await get()).feeds.saveFeed(feed, record),
    };
  };
  beforeEach(async () => {
    t.web = await startWebServer();
    tmp = await mkdtemp(path.join(os.tmpdir(), 'brief-feeds-'));
    t.corpusDir = path.join(tmp, 'corpus');
    t.stateDir = path.join(tmp, 'state');
    t.feedsFile = path.join(tmp, 'feeds.txt');
    t.writeFeeds = (...lines) => writeFile(t.feedsFile, lines.map((l) => l.replaceAll('{{BASE}}', t.web.base)).join('\n'));
    t.poller = (logger = captureLogger().logger, extra = {}) =>
      createFeedPoller({
        feedsFile: t.feedsFile,
        corpusDir: t.corpusDir,
        feedState: lazyFeedState(t.stateDir, logger),
        logger,
        now: () => NOW,
        timeoutMs: 2000,
        ...extra,
      });
    t.corpusFiles = async () => (await readdir(t.corpusDir).catch(() => [])).filter((f) => f.endsWith('.md')).sort();
    const routes = t.web.routes;
    routes.set('/rss.xml', { headers: RSS, etag: '"rss-1"', body: await fixture('feed-rss.xml') });
    routes.set('/atom.xml', { headers: ATOM, body: await fixture('feed-atom.xml') });
    routes.set('/articles/pentagon-pause', { headers: HTML, body: await fixture('article.html') });
    routes.set('/articles/parks-budget', { headers: HTML, body: await fixture('title-only.html') });
    routes.set('/articles/schumer', { headers: HTML, body: await fixture('ld-only.html') });
    routes.set('/articles/old-story', { headers: HTML, body: await fixture('dangerous-title.html') });
    routes.set('/articles/undated', { headers: HTML, body: await fixture('dangerous-title.html') });
  });
  afterEach(async () => {
    for (const state of opened.splice(0)) await (await state.catch(() => undefined))?.close();
    await t.web.close();
    await rm(tmp, { recursive: true, force: true });
  });
  return t;
}

export const messages = (lines: Record<string, unknown>[]) => lines.map((l) => String(l.msg));
