import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBody, FetchError, fetchPage } from '../../src/ingest/fetch-page.ts';
import { HTML, startWebServer, type TestWebServer } from './web-server.ts';

let web: TestWebServer;
beforeAll(async () => {
  web = await startWebServer();
});
afterAll(async () => {
  await web.close();
});

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  return err as FetchError;
}

describe('fetchPage', () => {
  it('returns the body, final URL and validators', async () => {
    web.routes.set('/ok', { headers: { ...HTML, 'last-modified': 'Tue, 04 Mar 2025 09:00:00 GMT' }, etag: '"v1"', body: '<p>hello</p>' });
    const page = await fetchPage(`${web.base}/ok`);
    expect(page).toMatchObject({
      status: 'ok',
      url: `${web.base}/ok`,
      body: '<p>hello</p>',
      etag: '"v1"',
      lastModified: 'Tue, 04 Mar 2025 09:00:00 GMT',
    });
  });

  it('sends conditional headers and reports 304 as not-modified', async () => {
    web.routes.set('/cond', { headers: HTML, etag: '"v2"', body: 'x' });
    const page = await fetchPage(`${web.base}/cond`, { etag: '"v2"', lastModified: 'Tue, 04 Mar 2025 09:00:00 GMT' });
    expect(page.status).toBe('not-modified');
    const sent = web.requests.filter((r) => r.path === '/cond').at(-1)!.headers;
    expect(sent['if-none-match']).toBe('"v2"');
    expect(sent['if-modified-since']).toBe('Tue, 04 Mar 2025 09:00:00 GMT');
  });

  it('follows a redirect and reports where it ended', async () => {
    web.routes.set('/moved', { status: 301, headers: { location: '/ok' } });
    const page = await fetchPage(`${web.base}/moved`);
    expect(page).toMatchObject({ status: 'ok', url: `${web.base}/ok` });
  });

  it('stops a redirect loop after maxRedirects', async () => {
    web.routes.set('/loop-a', { status: 302, headers: { location: '/loop-b' } });
    web.routes.set('/loop-b', { status: 302, headers: { location: '/loop-a' } });
    const err = await failure(fetchPage(`${web.base}/loop-a`, { maxRedirects: 3 }));
    expect(err.reason).toBe('redirects');
    expect(err.message).toMatch(/more than 3 redirects/);
    expect(web.hits('/loop-a') + web.hits('/loop-b')).toBe(4);
  });

  it('refuses a redirect to a non-http address', async () => {
    web.routes.set('/to-file', { status: 302, headers: { location: 'file:///etc/passwd' } });
    expect((await failure(fetchPage(`${web.base}/to-file`))).reason).toBe('bad-url');
  });

  it('turns 404 and 500 into http-status failures with the status', async () => {
    web.routes.set('/boom', { status: 500, body: 'oops' });
    const notFound = await failure(fetchPage(`${web.base}/nowhere`));
    expect(notFound).toMatchObject({ reason: 'http-status', status: 404 });
    expect(await failure(fetchPage(`${web.base}/boom`))).toMatchObject({ reason: 'http-status', status: 500 });
  });

  it('times out a slow server', async () => {
    web.routes.set('/slow', { delayMs: 10_000, headers: HTML, body: 'late' });
    const err = await failure(fetchPage(`${web.base}/slow`, { timeoutMs: 150 }));
    expect(err.reason).toBe('timeout');
    expect(err.message).toMatch(/within 150 ms/);
  });

  it('refuses a body over the cap, declared or streamed', async () => {
    web.routes.set('/big-declared', { headers: HTML, body: 'x'.repeat(5000) });
    web.routes.set('/big-streamed', { headers: HTML, streamBytes: 2 * 1024 * 1024 });
    expect((await failure(fetchPage(`${web.base}/big-declared`, { maxBytes: 1000 }))).reason).toBe('too-large');
    const streamed = await failure(fetchPage(`${web.base}/big-streamed`, { maxBytes: 256 * 1024 }));
    expect(streamed.reason).toBe('too-large');
  });

  it('reports a refused connection as a network failure', async () => {
    const closed = await startWebServer();
    const base = closed.base;
    await closed.close();
    expect((await failure(fetchPage(`${base}/x`))).reason).toBe('network');
  });
});

describe('decodeBody', () => {
  it('uses the charset from Content-Type, else from a meta tag', () => {
    const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9]);
    expect(decodeBody(latin1, 'text/html; charset=iso-8859-1')).toBe('café');
    const withMeta = Buffer.concat([Buffer.from('<meta charset="windows-1252">'), latin1]);
    expect(decodeBody(withMeta, 'text/html')).toBe('<meta charset="windows-1252">café');
    expect(decodeBody(Buffer.from('café'), '')).toBe('café');
  });
});
