/** A proxy between Brief and the fake Slack that can hold a chat.postMessage request or its reply (kill -9 tests). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeSlack } from '../slack/fake-slack.ts';

export type Hold = 'none' | 'request' | 'reply';

/** Forwards the Web API to the fake Slack; `hold` for chat.postMessage keeps the request or the reply from arriving. */
export async function startProxy(fake: FakeSlack) {
  const seen: string[] = [];
  const state = { hold: 'none' as Hold };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '');
      seen.push(method);
      const hold = method === 'chat.postMessage' ? state.hold : 'none';
      if (hold === 'request') return;
      void fetch(`${fake.apiUrl}${method}`, {
        method: 'POST',
        body,
        headers: { 'content-type': req.headers['content-type'] ?? '', authorization: req.headers.authorization ?? '' },
      }).then(async (up) => {
        const text = await up.text();
        if (hold === 'reply') return;
        res.writeHead(up.status, {
          'content-type': 'application/json',
          ...(up.headers.get('retry-after') ? { 'retry-after': up.headers.get('retry-after')! } : {}),
        });
        res.end(text);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
    seen,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
