/**
 * Checks in front of Bolt's HTTP receiver for what it lets through: a request timestamp far in the
 * future (Bolt only rejects old ones) and a body that parses to something other than an object
 * (a signed `null` makes Bolt read `body.ssl_check` of null, and the TypeError ends the process).
 * The body is read here once and handed on buffered, as Bolt's own reader accepts.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';

/** Slack's replay window: requests stamped more than this far from now, either way, are refused. */
export const MAX_TIMESTAMP_SKEW_S = 5 * 60;

/**
 * Node server limits sized for Slack: its payloads are a few kilobytes and it gives up on an ack
 * after 3 s, so a client still sending headers or a body after this long is not Slack.
 */
export const SLACK_SERVER_OPTIONS = { headersTimeout: 5_000, requestTimeout: 10_000, connectionsCheckingInterval: 1_000 } as const;

export interface GuardOptions {
  /** Bodies larger than this get 413 (Bolt's `bodyLimit`). */
  bodyLimit: number;
  /** Only these paths are checked (Bolt's endpoints). */
  paths: readonly string[];
  now?: () => number;
  warn: (fields: Record<string, unknown>, msg: string) => void;
}

type Buffered = IncomingMessage & { rawBody?: Buffer };

function refuse(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      if (!over) chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** True when the body parses to something Bolt can read fields of; unparseable bodies are left to Bolt (400). */
export function bodyIsReadable(raw: string, contentType: string | undefined): boolean {
  let parsed: unknown;
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const payload = parseQuery(raw).payload;
      if (payload === undefined) return true;
      if (typeof payload !== 'string') return false;
      parsed = JSON.parse(payload);
    } else {
      parsed = JSON.parse(raw);
    }
  } catch {
    return true;
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
}

/** Why a request is refused before Bolt sees it, or undefined to pass it on. */
export function timestampProblem(header: string | string[] | undefined, nowMs: number): string | undefined {
  if (header === undefined) return undefined; // Bolt refuses a missing timestamp itself (and lets ssl_check through).
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  if (!Number.isFinite(seconds)) return undefined;
  return seconds - nowMs / 1000 > MAX_TIMESTAMP_SKEW_S ? 'request timestamp is more than 5 minutes in the future' : undefined;
}

export function guardRequests(listener: RequestListener, options: GuardOptions): RequestListener {
  return (req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (req.method !== 'POST' || !options.paths.includes(path)) {
      listener(req, res);
      return;
    }
    const future = timestampProblem(req.headers['x-slack-request-timestamp'], options.now?.() ?? Date.now());
    if (future) {
      options.warn({ reason: future }, 'refused a Slack request');
      req.resume();
      refuse(res, 401);
      return;
    }
    readBody(req, options.bodyLimit).then(
      (body) => {
        if (body === 'too-large') {
          options.warn({ limit: options.bodyLimit }, 'refused a request body over the size limit');
          refuse(res, 413);
          return;
        }
        if (!bodyIsReadable(body.toString('utf8'), req.headers['content-type'])) {
          options.warn({ reason: 'the body is not a JSON object' }, 'refused a Slack request');
          refuse(res, 400);
          return;
        }
        (req as Buffered).rawBody = body;
        listener(req, res);
      },
      (err: unknown) => {
        options.warn({ reason: (err as Error).message }, 'could not read a request body');
        if (!res.headersSent) refuse(res, 400);
      },
    );
  };
}
