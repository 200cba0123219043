import { describe, expect, it, afterEach } from 'vitest';
import { classifyCallError } from '../../src/slack/post/call-outcome.ts';
import { callSlack, callSlackForOutcome } from '../../src/slack/post/call-slack.ts';
import { createWebClient } from '../../src/slack/post/web-client.ts';
import { captureLogger } from '../helpers.ts';
import { startFakeSlack, type FakeSlack } from './fake-slack.ts';

let fake: FakeSlack | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setUp(timeoutMs?: number) {
  fake = await startFakeSlack();
  const { logger, lines } = captureLogger();
  const client = createWebClient({ botToken: 'xoxb-test-token', apiUrl: fake.apiUrl }, { logger, ...(timeoutMs ? { timeoutMs } : {}) });
  const waits: number[] = [];
  // Waits are recorded and end at once: no test sleeps for Slack's Retry-After.
  const wait = async (ms: number) => {
    waits.push(ms);
  };
  const post = () => callSlackForOutcome(() => client.chat.postMessage({ channel: 'C1', text: 'hello' }), { wait });
  return { fake, client, lines, waits, wait, post };
}

describe('posting to Slack (src/slack/post)', () => {
  it('a 200 ok is posted, with Slack’s reply, sent once with the bot token', async () => {
    const t = await setUp();
    const outcome = await t.post();
    expect(outcome).toMatchObject({ status: 'posted', result: { ok: true, ts: expect.stringMatching(/^\d+\.\d+$/) } });
    expect(t.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(t.fake.callsTo('chat.postMessage')[0]!.headers.authorization).toBe('Bearer xoxb-test-token');
  });

  it('a platform error (ok: false) is failed: not posted, not retried', async () => {
    const t = await setUp();
    let calls = 0;
    t.fake.script('chat.postMessage', () => {
      calls++;
      return { body: { ok: false, error: 'not_in_channel' } };
    });
    expect(await t.post()).toEqual({ status: 'failed', error: 'not_in_channel' });
    expect(calls).toBe(1);
    expect(t.waits).toEqual([]);
  });

  it('a 429 is waited out for its Retry-After, then the call is made again and posted', async () => {
    const t = await setUp();
    const limited = { status: 429, headers: { 'retry-after': '3' }, body: { ok: false, error: 'ratelimited' } };
    t.fake.script('chat.postMessage', (_call, count) => (count === 1 ? limited : undefined));
    expect(await t.post()).toMatchObject({ status: 'posted' });
    expect(t.waits).toEqual([3000]);
    expect(t.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('429s beyond the waits allowed are failed (Slack took nothing), with the wait Slack asked for', async () => {
    const t = await setUp();
    t.fake.script('chat.postMessage', () => ({ status: 429, headers: { 'retry-after': '2' }, body: { ok: false, error: 'ratelimited' } }));
    const outcome = await callSlackForOutcome(() => t.client.chat.postMessage({ channel: 'C1', text: 'x' }), { wait: t.wait, maxWaits: 2 });
    expect(outcome).toEqual({ status: 'failed', error: 'ratelimited', retryAfterMs: 2000 });
    expect(t.waits).toEqual([2000, 2000]);
  });

  it('a reply that never comes is unknown after the timeout (the post may have landed), and is not sent again', async () => {
    const t = await setUp(200);
    t.fake.script('chat.postMessage', () => ({ hang: true }));
    const outcome = await t.post();
    expect(outcome.status).toBe('unknown');
    expect(t.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(t.waits).toEqual([]);
  });

  it('a 5xx is unknown, not retried', async () => {
    const t = await setUp();
    let calls = 0;
    t.fake.script('chat.postMessage', () => {
      calls++;
      return { status: 503, body: 'upstream' };
    });
    expect((await t.post()).status).toBe('unknown');
    expect(calls).toBe(1);
  });

  it('callSlack throws what is not a 429, and the classifier says why', async () => {
    const t = await setUp();
    t.fake.script('views.publish', () => ({ body: { ok: false, error: 'invalid_blocks' } }));
    const publish = () => t.client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [] } });
    const err = await callSlack(publish, { wait: t.wait }).catch((e: unknown) => e);
    expect(classifyCallError(err)).toEqual({ status: 'failed', error: 'invalid_blocks' });
    expect(classifyCallError(new Error('socket hang up'))).toEqual({ status: 'unknown', error: 'socket hang up' });
  });
});
