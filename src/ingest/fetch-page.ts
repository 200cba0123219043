/**
 * One HTTP GET with the limits a bot that fetches strangers' pages needs: an overall timeout,
 * redirects followed by hand (bounded, http(s) only), a byte cap while streaming, and conditional
 * GET. Every failure is a {@link FetchError} whose `reason` says what went wrong.
 */

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface FetchPageOptions {
  /** Whole request, redirects and body included, in ms. Default 15 000. */
  timeoutMs?: number;
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
  /** Largest body read, in bytes; a larger one fails as `too-large`. Default 5 MB. */
  maxBytes?: number;
  /** Sent as `If-None-Match`; a 304 answer comes back as `not-modified`. Default none. */
  etag?: string;
  /** Sent as `If-Modified-Since`. Default none. */
  lastModified?: string;
  /** The `Accept` header. Default HTML first, then feeds and XML. */
  accept?: string;
  /** The `User-Agent` header. Default `Brief/0.1 (news ingest)`. */
  userAgent?: string;
  /** Aborts the request (the poller stopping). Default none. */
  signal?: AbortSignal;
  /** The fetch implementation. Default the global fetch. */
  fetch?: FetchLike;
}

export const DEFAULT_FETCH_PAGE_OPTIONS: Required<
  Pick<FetchPageOptions, 'timeoutMs' | 'maxRedirects' | 'maxBytes' | 'accept' | 'userAgent'>
> = {
  timeoutMs: 15_000,
  maxRedirects: 5,
  maxBytes: 5 * 1024 * 1024,
  accept: 'text/html,application/xhtml+xml;q=0.9,application/rss+xml;q=0.8,application/atom+xml;q=0.8,application/xml;q=0.7,*/*;q=0.1',
  userAgent: 'Brief/0.1 (news ingest)',
};

export type FetchFailure = 'timeout' | 'aborted' | 'network' | 'http-status' | 'redirects' | 'bad-url' | 'too-large';

export class FetchError extends Error {
  constructor(
    readonly reason: FetchFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export type FetchPageResult =
  | { status: 'ok'; url: string; body: string; contentType: string; etag?: string; lastModified?: string }
  | { status: 'not-modified'; url: string };

/** GETs `url`; resolves with the decoded body or `not-modified`, rejects with a {@link FetchError}. */
export async function fetchPage(url: string, options: FetchPageOptions = {}): Promise<FetchPageResult> {
  const opts = { ...DEFAULT_FETCH_PAGE_OPTIONS, ...options };
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
  try {
    const { response, finalUrl } = await followRedirects(url, opts, signal);
    if (response.status === 304) {
      await response.body?.cancel();
      return { status: 'not-modified', url: finalUrl };
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new FetchError('http-status', `HTTP ${response.status} from ${finalUrl}`, response.status);
    }
    const bytes = await readCapped(response, opts.maxBytes, finalUrl);
    const contentType = response.headers.get('content-type') ?? '';
    const etag = response.headers.get('etag') ?? undefined;
    const lastModified = response.headers.get('last-modified') ?? undefined;
    return {
      status: 'ok',
      url: finalUrl,
      body: decodeBody(bytes, contentType),
      contentType,
      ...(etag ? { etag } : {}),
      ...(lastModified ? { lastModified } : {}),
    };
  } catch (err) {
    throw toFetchError(err, url, opts.timeoutMs, timeout);
  }
}

type Opts = typeof DEFAULT_FETCH_PAGE_OPTIONS & FetchPageOptions;

async function followRedirects(url: string, opts: Opts, signal: AbortSignal): Promise<{ response: Response; finalUrl: string }> {
  const doFetch = opts.fetch ?? fetch;
  let current = checkHttpUrl(url);
  for (let hop = 0; ; hop++) {
    const headers: Record<string, string> = { accept: opts.accept, 'user-agent': opts.userAgent };
    if (opts.etag) headers['if-none-match'] = opts.etag;
    if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
    const response = await doFetch(current, { headers, redirect: 'manual', signal });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || response.status === 304 || !location) return { response, finalUrl: current };
    await response.body?.cancel();
    if (hop >= opts.maxRedirects) throw new FetchError('redirects', `more than ${opts.maxRedirects} redirects from ${url}`);
    current = checkHttpUrl(new URL(location, current).href);
  }
}

function checkHttpUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchError('bad-url', `not a URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new FetchError('bad-url', `only http(s) addresses are fetched: ${url}`);
  return parsed.href;
}

/** Reads the body, stopping as soon as it passes `maxBytes` rather than buffering a huge reply. */
async function readCapped(response: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new FetchError('too-large', `${url} is ${declared} bytes, over the ${maxBytes}-byte limit`);
  }
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new FetchError('too-large', `${url} is over the ${maxBytes}-byte limit`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The charset from Content-Type, else a `<meta charset>` or XML declaration near the top, else UTF-8. */
export function decodeBody(bytes: Uint8Array, contentType: string): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const label =
    /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ??
    /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1] ??
    /<\?xml[^>]+encoding=["']([\w-]+)/i.exec(head)?.[1] ??
    'utf-8';
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function toFetchError(err: unknown, url: string, timeoutMs: number, timeout: AbortSignal): FetchError {
  if (err instanceof FetchError) return err;
  const name = (err as Error | undefined)?.name;
  if (timeout.aborted || name === 'TimeoutError') return new FetchError('timeout', `no complete answer from ${url} within ${timeoutMs} ms`);
  if (name === 'AbortError') return new FetchError('aborted', `fetching ${url} was stopped`);
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return new FetchError('network', `cannot fetch ${url}: ${cause?.code ?? cause?.message ?? (err as Error).message}`);
}
