/**
 * A small stand-in for Slack's servers on loopback: the Web API (`/api/<method>`) and response_url
 * (`/response/<id>`). It records every call and answers like Slack; tests can script other answers
 * (429 with Retry-After, errors) per method.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeCall {
  /** Web API method (`chat.postMessage`) or `response_url`. */
  method: string;
  /** For response_url calls: the id in the path. */
  responseId?: string;
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
  /** performance.now() when the call arrived (benchmarks measure answer latency with it). */
  at: number;
}

export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Takes the call and never answers (a reply lost on the way back). */
  hang?: boolean;
}
type Script = (call: FakeCall, count: number) => ScriptedReply | undefined;

export interface FakeSlack {
  url: string;
  apiUrl: string;
  calls: FakeCall[];
  /** A response_url pointing at this fake. */
  responseUrl(id?: string): string;
  /** Scripts replies for one method; return undefined to fall back to the normal answer. */
  script(method: string, fn: Script): void;
  /** Resolves with the calls once `predicate` holds (checked on every call), or rejects after `ms`. */
  waitFor(predicate: (calls: FakeCall[]) => boolean, ms?: number): Promise<FakeCall[]>;
  callsTo(method: string): FakeCall[];
  /** Calls `fn` with every recorded call as it arrives. */
  onCall(fn: (call: FakeCall) => void): void;
  close(): Promise<void>;
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    try {
      out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: FakeCall[] = [];
  const scripts = new Map<string, Script>();
  const counts = new Map<string, number>();
  const events = new EventEmitter();
  let ts = 1_700_000_000;

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      raw += c;
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const api = /^\/api\/([\w.]+)$/.exec(url.pathname);
      const hook = /^\/response\/([\w-]+)$/.exec(url.pathname);
      const call: FakeCall = {
        method: api?.[1] ?? (hook ? 'response_url' : url.pathname),
        ...(hook?.[1] ? { responseId: hook[1] } : {}),
        body: parseBody(raw, req.headers['content-type']),
        headers: req.headers,
        at: performance.now(),
      };
      const count = (counts.get(call.method) ?? 0) + 1;
      counts.set(call.method, count);
      const scripted = scripts.get(call.method)?.(call, count);
      if (!scripted || (scripted.status ?? 200) < 400) {
        calls.push(call);
        events.emit('call', call);
      }
      if (scripted?.hang) return;
      let reply: ScriptedReply = scripted ?? {};
      if (!scripted) {
        if (call.method === 'auth.test')
          reply = {
            body: { ok: true, user_id: 'UBRIEF', bot_id: 'BBRIEF', team_id: 'T1', user: 'brief', url: 'https://example.slack.com/' },
          };
        else if (call.method === 'chat.postMessage') reply = { body: { ok: true, channel: call.body.channel, ts: `${ts++}.000100` } };
        else reply = { body: { ok: true } };
      }
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.body ?? { ok: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  let nextId = 0;

  return {
    url,
    apiUrl: `${url}/api/`,
    calls,
    responseUrl: (id = `r${++nextId}`) => `${url}/response/${id}`,
    script: (method, fn) => {
      scripts.set(method, fn);
    },
    callsTo: (method) => calls.filter((c) => c.method === method),
    onCall: (fn) => {
      events.on('call', fn);
    },
    waitFor(predicate, ms = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(calls)) return false;
          clearTimeout(timer);
          events.off('call', check);
          resolve(calls);
          return true;
        };
        const timer = setTimeout(() => {
          events.off('call', check);
          reject(new Error(`fake Slack: condition not met within ${ms} ms; calls: ${calls.map((c) => c.method).join(', ')}`));
        }, ms);
        events.on('call', check);
        check();
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
