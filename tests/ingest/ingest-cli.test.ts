import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runIngest } from '../../src/cli/ingest.ts';
import { loadCorpus } from '../../src/corpus/load-corpus.ts';
import { openState } from '../../src/state/open-state.ts';
import { captureLogger, runCli } from '../helpers.ts';
import { fixture, HTML, RSS, startWebServer, WEB_FIXTURES, type TestWebServer } from './web-server.ts';

let web: TestWebServer;
let dir: string;
beforeAll(async () => {
  web = await startWebServer();
  web.routes.set('/story', { headers: HTML, body: await fixture('article.html') });
  web.routes.set('/copy', { headers: HTML, body: await fixture('syndicated-copy.html') });
  web.routes.set('/old-address', { status: 301, headers: { location: '/story?utm_source=x' } });
  web.routes.set('/data.json', { headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
});
afterAll(async () => {
  await web.close();
});
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'brief-ingest-web-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const files = async () => (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.md')).sort();
const ingest = (...args: string[]) => runCli(runIngest, [...args, '--corpus', dir]);

describe('ingest PATH|URL', () => {
  it('turns a saved HTML page into a corpus file the loader reads, boilerplate left out', async () => {
    const run = await ingest(path.join(WEB_FIXTURES, 'article.html'), '--url', 'https://ledger.example/story');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^added .*2025-03-03-pentagon-pauses-offensive-cyber-operations-against-russia\.md: Pentagon Pauses/);
    const text = await readFile(path.join(dir, (await files())[0]!), 'utf8');
    expect(text).toMatch(
      /^---\ntitle: Pentagon Pauses Offensive Cyber Operations Against Russia\nsource: The Ledger\nurl: https:\/\/ledger.example\/story\npublished: 2025-03-03T14:05:00Z\nauthor: Dana Whitfield\n---\n\n_The Pentagon/,
    );
    expect(text).not.toMatch(/Subscribe|Privacy|Related stories/);
    const loaded = await loadCorpus(dir);
    expect(loaded.skipped).toEqual([]);
    expect(loaded.articles).toHaveLength(1);
  });

  it('lets flags override the page metadata', async () => {
    const run = await ingest(
      path.join(WEB_FIXTURES, 'ld-only.html'),
      '--title',
      'Schumer Slams Pause',
      '--source',
      'Wire',
      '--published',
      '2025-03-04',
      '--author',
      'Desk',
    );
    expect(run.code).toBe(0);
    expect(await files()).toEqual(['2025-03-04-schumer-slams-pause.md']);
    expect(await readFile(path.join(dir, '2025-03-04-schumer-slams-pause.md'), 'utf8')).toMatch(
      /^---\ntitle: Schumer Slams Pause\nsource: Wire\nurl: https:\/\/capitolwire.example\/news\/schumer-cyber-pause\npublished: 2025-03-04\nauthor: Desk\n---/,
    );
  });

  it('fetches a URL, follows its redirect, keeps the canonical URL, and reports a second copy as a duplicate', async () => {
    const first = await ingest(`${web.base}/old-address`);
    expect(first.code).toBe(0);
    expect(await readFile(path.join(dir, (await files())[0]!), 'utf8')).toContain(
      `url: ${web.base}/2025/03/03/pentagon-pauses-cyber-operations`,
    );
    const again = await ingest(`${web.base}/story`);
    expect(again.stdout).toMatch(/^unchanged .*\.md \(already in the corpus\)\n$/);
    // The saved page's canonical link is relative; --url names the address, --source makes the file differ.
    const saved = await ingest(
      path.join(WEB_FIXTURES, 'article.html'),
      '--url',
      `${web.base}/2025/03/03/pentagon-pauses-cyber-operations`,
      '--source',
      'Elsewhere',
    );
    expect(saved.stdout).toMatch(/^duplicate .*article\.html: already in the corpus as .*\.md \(same URL\); not added\n$/);
    const copy = await ingest(`${web.base}/copy`);
    expect(copy.stdout).toMatch(
      /^duplicate .*\/copy: already in the corpus as .*pentagon-pauses.*\.md \(near-identical text\); not added\n$/,
    );
    expect(await files()).toHaveLength(1);
  });

  it('reads Markdown, with or without front matter', async () => {
    const run = await ingest(path.join(WEB_FIXTURES, 'notes.md'), path.join(WEB_FIXTURES, 'with-front-matter.md'));
    expect(run.code).toBe(0);
    expect(await files()).toEqual(['2025-03-05-allies-ask-about-the-cyber-pause.md', 'cyber-command-stand-down-explained.md']);
  });

  it('makes a safe file name from a hostile title and never overwrites another article', async () => {
    await writeFile(
      path.join(dir, 'etc-passwd-officials-review-cyber-order.md'),
      '---\ntitle: Someone Else\n---\n\nAn existing article.\n',
    );
    const run = await ingest(path.join(WEB_FIXTURES, 'dangerous-title.html'));
    expect(run.code).toBe(0);
    expect(await files()).toEqual(['etc-passwd-officials-review-cyber-order-2.md', 'etc-passwd-officials-review-cyber-order.md']);
    expect(await readFile(path.join(dir, 'etc-passwd-officials-review-cyber-order.md'), 'utf8')).toContain('Someone Else');
    expect(await readdir(path.dirname(dir))).not.toContain('passwd');
  });

  it('fails clearly for a 404, a non-HTML answer and a page without an article, and writes nothing', async () => {
    const run = await ingest(
      `${web.base}/missing`,
      `${web.base}/data.json`,
      path.join(WEB_FIXTURES, 'not-an-article.html'),
      path.join(dir, 'nope.txt'),
    );
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      `brief ingest: ${web.base}/missing: HTTP 404 from ${web.base}/missing`,
      `brief ingest: ${web.base}/data.json: ${web.base}/data.json is not an HTML page (application/json)`,
      `brief ingest: ${path.join(WEB_FIXTURES, 'not-an-article.html')}: no article text found`,
      `brief ingest: ${path.join(dir, 'nope.txt')}: cannot read the file (ENOENT)`,
    ]);
    expect(await files()).toEqual([]);
  });
});

describe('ingest --feeds', () => {
  it('polls the FEEDS file once, reading FEEDS, STATE_DIR and CORPUS_DIR from the environment', async () => {
    web.routes.set('/feed.xml', {
      headers: RSS,
      body: (await fixture('feed-atom.xml')).replaceAll('2025-03-04T01:00:00Z', new Date().toISOString()),
    });
    web.routes.set('/articles/schumer', { headers: HTML, body: await fixture('ld-only.html') });
    const feeds = path.join(dir, 'feeds.txt');
    await writeFile(feeds, `# test feeds\n${web.base}/feed.xml keywords: schumer\n`);
    const env = { FEEDS: feeds, STATE_DIR: path.join(dir, 'state'), CORPUS_DIR: path.join(dir, 'corpus') };
    const run = await runCli(runIngest, ['--feeds'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^added .*schumer-calls-cyber-pause-a-huge-mistake\.md\n1 feed: 1 read, 0 not modified, 0 failed\nitems: 1 added, 0 already in the corpus, 0 filtered out by keywords, 1 older than the backfill window/,
    );
    expect(await readdir(path.join(dir, 'state'))).toEqual(['brief.db', 'replica-id']);
    const state = await openState({ stateDir: path.join(dir, 'state') }, captureLogger().logger);
    expect(Object.keys((await state.feeds.load()).feeds)).toEqual([`${web.base}/feed.xml`]);
    await state.close();
    const again = await runCli(runIngest, ['--feeds'], { env });
    expect(again.stdout).toMatch(/^1 feed: 1 read.*\nitems: 0 added/);
  });

  it('asks for a feeds file, and rejects a bad backfill window', async () => {
    await expect(runCli(runIngest, ['--feeds'])).rejects.toThrow(/set FEEDS or pass --feeds-file FILE/);
    await expect(runCli(runIngest, ['--feeds', '--feeds-file', 'x', '--backfill', 'soon'])).rejects.toThrow(
      /--backfill must be a positive duration/,
    );
    await expect(runCli(runIngest, ['--feeds', 'extra.html'])).rejects.toThrow(/give no PATH or URL/);
  });

  it('exits 1 when the FEEDS file names a bad line', async () => {
    const feeds = path.join(dir, 'feeds.txt');
    await writeFile(feeds, 'https://ok.example/feed.xml\nwhat is this\n');
    const run = await runCli(runIngest, ['--feeds', '--feeds-file', feeds, '--state', path.join(dir, 'state'), '--corpus', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('feeds.txt line 2: "what" is not an http(s) address');
  });
});
