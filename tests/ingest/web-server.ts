/**
 * A small web server on 127.0.0.1 for ingest tests: routes set per test (pages, feeds, broken
 * answers), every request recorded. Nothing here reaches the internet.
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { FIXTURES } from '../helpers.ts';

export const WEB_FIXTURES = path.join(FIXTURES, 'web');

export interface Route {
  status?: number;
  headers?: Record<string, string>;
  /** The body; `{{BASE}}` becomes the server's address. */
  body?: string | Buffer;
  /** Waits this long before answering (for timeouts; the server is closed with its connections). */
  delayMs?: number;
  /** Answers 304 when the request's If-None-Match equals this ETag (sent with 200 answers too). */
  etag?: string;
  /** Writes this many bytes in chunks, without Content-Length. */
  streamBytes?: number;
}

export interface RecordedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
}

export interface TestWebServer {
  base: string;
  routes: Map<string, Route>;
  requests: RecordedRequest[];
  /** How many requests asked for `path`. */
  hits(path: string): number;
  close(): Promise<void>;
}

export async function startWebServer(): Promise<TestWebServer> {
  const routes = new Map<string, Route>();
  const requests: RecordedRequest[] = [];
  let base = '';
  const server = http.createServer((req, res) => {
    requests.push({ path: req.url ?? '', headers: req.headers });
    const route = routes.get(req.url ?? '') ?? routes.get((req.url ?? '').split('?')[0]!) ?? { status: 404, body: 'not found' };
    const answer = () => respond(route, req, res, base);
    if (route.delayMs) setTimeout(answer, route.delayMs).unref();
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    routes,
    requests,
    hits: (p) => requests.filter((r) => r.path === p).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function respond(route: Route, req: http.IncomingMessage, res: http.ServerResponse, base: string): void {
  if (res.destroyed) return;
  const headers = { ...route.headers, ...(route.etag ? { etag: route.etag } : {}) };
  if (route.etag && req.headers['if-none-match'] === route.etag) {
    res.writeHead(304, headers).end();
    return;
  }
  if (route.streamBytes) {
    res.writeHead(route.status ?? 200, headers);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const write = () => {
      while (sent < route.streamBytes! && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', write);
          return;
        }
      }
      res.end();
    };
    write();
    return;
  }
  const body = typeof route.body === 'string' ? route.body.replaceAll('{{BASE}}', base) : (route.body ?? '');
  res.writeHead(route.status ?? 200, headers).end(body);
}

/** A fixture file's text, with `{{BASE}}` left for the server to fill in. */
export function fixture(name: string): Promise<string> {
  return readFile(path.join(WEB_FIXTURES, name), 'utf8');
}

export const HTML = { 'content-type': 'text/html; charset=utf-8' };
export const RSS = { 'content-type': 'application/rss+xml; charset=utf-8' };
export const ATOM = { 'content-type': 'application/atom+xml; charset=utf-8' };
