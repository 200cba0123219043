/**
 * `respond()` for a response_url, over node:http(s) with keep-alive: the one path every listener
 * answers a response_url through. Bolt's own respond goes through the global fetch (undici: Request,
 * Headers, web streams per call) and has no timeout. This is the same POST, same JSON body, and like
 * Bolt's it rejects when Slack answers with an error status.
 *
 * Kept over Bolt's simpler respond because of what it costs the thread that must ack the next request
 * (`npx tsx bench/respond-compare.ts bolt|node-http`, 2000 responses to a loopback server in another
 * process, 200 warm-up, 2 shared cores, three runs each): CPU per response 901 / 906 / 948 µs with
 * Bolt's, 345 / 298 / 335 µs with this one; wall for the 2000, one at a time, 2.3–2.5 s against
 * 1.0–1.1 s; 20 at a time, 802–818 µs against 253–257 µs CPU. About 0.6 ms of CPU saved per answer.
 */
import http from 'node:http';
import https from 'node:https';
import type { RespondArguments } from '@slack/bolt';

/** What listeners answer through: Bolt's RespondFn fits too (it resolves with the fetch Response). */
export type Respond = (message: string | RespondArguments) => Promise<unknown>;

/** Give up on a response_url that has not answered in this long. */
export const RESPOND_TIMEOUT_MS = 30_000;

/**
 * Idle connections are closed after this long, before a server's usual 5 s keep-alive timeout ends
 * them (Node also honours a server's `Keep-Alive: timeout=` hint), so a reused socket is rarely one
 * the server is closing.
 */
const IDLE_SOCKET_MS = 4_000;
const agents = {
  http: new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
  https: new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
};

export class RespondError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RespondError';
  }
}

function post(url: URL, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const secure = url.protocol === 'https:';
    const req = (secure ? https : http).request(
      url,
      {
        method: 'POST',
        agent: secure ? agents.https : agents.http,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: RESPOND_TIMEOUT_MS,
      },
      (res) => {
        res.resume();
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else reject(new RespondError(`Failed to respond to the response_url: ${status} ${res.statusMessage ?? ''}`.trim(), status));
        });
      },
    );
    req.on('timeout', () => req.destroy(new RespondError(`response_url did not answer within ${RESPOND_TIMEOUT_MS} ms`)));
    // No retry, even on a reused socket that was reset: the server may have taken the POST before
    // the reset, and a second one would show the answer twice (Bolt's respond does not retry either).
    req.on('error', reject);
    req.end(body);
  });
}

export function createRespond(responseUrl: string): Respond {
  return async (message: string | RespondArguments) => {
    const url = new URL(responseUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new RespondError(`response_url is not http(s): ${url.protocol}`);
    await post(url, JSON.stringify(typeof message === 'string' ? { text: message } : message));
  };
}
