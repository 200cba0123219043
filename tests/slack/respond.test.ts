import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createRespond, RespondError } from '../../src/slack/post/respond.ts';
import { startFakeSlack, type FakeSlack } from './fake-slack.ts';

describe('respond() over node:http', () => {
  let fake: FakeSlack | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it('posts the message as JSON to the response_url, a string as { text }, reusing the connection', async () => {
    fake = await startFakeSlack();
    const respond = createRespond(fake.responseUrl('r1'));
    await respond({ response_type: 'ephemeral', text: 'hello', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }] });
    await respond('plain');
    const calls = fake.callsTo('response_url');
    expect(calls.map((c) => c.body)).toEqual([
      { response_type: 'ephemeral', text: 'hello', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }] },
      { text: 'plain' },
    ]);
    expect(calls[0]!.headers['content-type']).toBe('application/json');
    expect(calls[1]!.headers.connection).toBe('keep-alive');
  });

  it('rejects when Slack answers with an error status', async () => {
    fake = await startFakeSlack();
    fake.script('response_url', () => ({ status: 404, body: 'expired_url' }));
    const err = await createRespond(fake.responseUrl('gone'))('late').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RespondError);
    expect((err as RespondError).status).toBe(404);
  });

  it('refuses a response_url that is not http(s)', async () => {
    await expect(createRespond('file:///etc/passwd')('x')).rejects.toThrow(/not http/);
  });

  it('never sends an answer twice: a connection reset after the server took the POST is an error, not a retry', async () => {
    let posts = 0;
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        posts++;
        // The first reply keeps the connection alive; the second request is taken, then the connection dropped.
        if (posts === 1) res.end('ok');
        else req.socket.destroy();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const respond = createRespond(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`);
      await respond('first');
      await expect(respond('second')).rejects.toThrow();
      expect(posts).toBe(2);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
