import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openCorpus } from '../../src/corpus/open-corpus.ts';
import { createSlackApp, type SlackAppDeps } from '../../src/slack/create-slack-app.ts';
import { bodyIsReadable, SLACK_SERVER_OPTIONS, timestampProblem } from '../../src/slack/guard-requests.ts';
import { createInFlight } from '../../src/slack/in-flight.ts';
import { SLACK_MESSAGES } from '../../src/render/messages.ts';
import { BUNDLED_CORPUS, captureLogger } from '../helpers.ts';
import { allText } from './harness.ts';
import { startFakeSlack } from './fake-slack.ts';
import { buttonBody, postSigned, slashCommandBody } from './slack-requests.ts';
import { SIGNING_SECRET } from './slack-requests.ts';
import { openTestState, testStateConfig } from '../state/test-databases.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function startApp(extra: Partial<SlackAppDeps> = {}) {
  const fake = await startFakeSlack();
  const { logger, lines } = captureLogger();
  const corpus = await openCorpus(BUNDLED_CORPUS, captureLogger().logger);
  const slack = createSlackApp({
    config: { slack: { botToken: 'xoxb-test', mode: 'http', signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl }, port: 0 },
    logger,
    inFlight: createInFlight(),
    state: await openTestState(await testStateConfig('sqlite')),
    getCorpus: () => corpus,
    isReady: () => true,
    ...extra,
  });
  const { port } = await slack.start();
  cleanups.push(async () => {
    await slack.stop();
    await fake.close();
  });
  const url = `http://127.0.0.1:${port}/slack/events`;
  const reply = async (id: string) => (await fake.waitFor((c) => c.some((x) => x.responseId === id))).find((x) => x.responseId === id)!;
  const ask = async (id: string) => {
    expect(
      (await postSigned(url, slashCommandBody('who ordered the pause', fake.responseUrl(id)), 'application/x-www-form-urlencoded')).status,
    ).toBe(200);
    expect(allText((await reply(id)).body)).toMatch(/Hegseth/);
  };
  return { fake, lines, url, port, reply, ask };
}

describe('bodies Bolt cannot read (item 2)', () => {
  it.each([
    ['a signed JSON null', 'null', 'application/json'],
    ['a signed JSON number', '42', 'application/json'],
    ['a signed JSON array', '[1]', 'application/json'],
    ['a signed form payload=null', 'payload=null', 'application/x-www-form-urlencoded'],
    ['a signed form payload="x"', 'payload=%22x%22', 'application/x-www-form-urlencoded'],
  ])('%s gets a 4xx and the bot keeps answering', async (_name, body, type) => {
    const { ask, url, lines } = await startApp();
    const sent = await postSigned(url, body, type);
    expect(sent.status).toBeGreaterThanOrEqual(400);
    expect(sent.status).toBeLessThan(500);
    expect(lines.some((l) => l.msg === 'refused a Slack request')).toBe(true);
    await ask('after-null');
  });

  it('tells readable bodies from unreadable ones', () => {
    expect(bodyIsReadable('{"type":"event_callback"}', 'application/json')).toBe(true);
    expect(bodyIsReadable('null', 'application/json')).toBe(false);
    expect(bodyIsReadable('text=hi&command=%2Fbrief', 'application/x-www-form-urlencoded')).toBe(true);
    expect(bodyIsReadable('payload=%7B%7D', 'application/x-www-form-urlencoded')).toBe(true);
    expect(bodyIsReadable('payload=null', 'application/x-www-form-urlencoded')).toBe(false);
    // Not JSON at all: Bolt answers 400 itself.
    expect(bodyIsReadable('{', 'application/json')).toBe(true);
  });
});

describe('request timestamps (item 11)', () => {
  it('refuses a correctly signed request stamped an hour in the future, accepts one a few minutes off', async () => {
    const { fake, url, reply, lines } = await startApp();
    const now = Math.floor(Date.now() / 1000);
    const future = await postSigned(
      url,
      slashCommandBody('who ordered the pause', fake.responseUrl('future')),
      'application/x-www-form-urlencoded',
      {},
      { timestamp: now + 3600 },
    );
    expect(future.status).toBe(401);
    expect(lines.some((l) => l.reason === 'request timestamp is more than 5 minutes in the future')).toBe(true);
    const near = await postSigned(
      url,
      slashCommandBody('who ordered the pause', fake.responseUrl('near')),
      'application/x-www-form-urlencoded',
      {},
      { timestamp: now + 200 },
    );
    expect(near.status).toBe(200);
    expect(allText((await reply('near')).body)).toMatch(/Hegseth/);
    expect(fake.calls.some((c) => c.responseId === 'future')).toBe(false);
  });

  it('draws the line at five minutes either way', () => {
    const nowMs = 1_700_000_000_000;
    expect(timestampProblem(String(1_700_000_000 + 301), nowMs)).toMatch(/future/);
    expect(timestampProblem(String(1_700_000_000 + 299), nowMs)).toBeUndefined();
    expect(timestampProblem(undefined, nowMs)).toBeUndefined();
  });
});

describe('buttons and shortcuts Brief no longer has (item 12)', () => {
  it('acks an unknown button and says it is out of date', async () => {
    const { url, fake, reply, lines } = await startApp();
    const sent = await postSigned(
      url,
      buttonBody('brief_retired_button', '{}', fake.responseUrl('stale')),
      'application/x-www-form-urlencoded',
    );
    expect(sent.status).toBe(200);
    expect(allText((await reply('stale')).body)).toContain(SLACK_MESSAGES.outOfDate);
    expect(lines.some((l) => l.msg === 'unknown button' && l.actionId === 'brief_retired_button')).toBe(true);
  });

  it('does not answer known buttons twice', async () => {
    const { url, fake, reply } = await startApp();
    await postSigned(
      url,
      buttonBody('brief_feedback_up', JSON.stringify({ q: 'who ordered the pause', o: 0, t: 3 }), fake.responseUrl('known')),
      'application/x-www-form-urlencoded',
    );
    expect(allText((await reply('known')).body)).toMatch(/Thanks/);
    await fake.waitFor((c) => c.filter((x) => x.responseId === 'known').length >= 1);
    expect(fake.calls.filter((x) => x.responseId === 'known').map((x) => allText(x.body))).not.toContain(SLACK_MESSAGES.outOfDate);
  });

  it('acks a global shortcut and a message shortcut and says they are out of date', async () => {
    const { url, fake, reply } = await startApp();
    const global = {
      type: 'shortcut',
      callback_id: 'old_shortcut',
      trigger_id: '9.9.9',
      user: { id: 'U0ALICE', username: 'alice', team_id: 'T1' },
      team: { id: 'T1', domain: 'newsroom' },
      token: 'legacy',
      action_ts: '1',
    };
    const sent = await postSigned(
      url,
      new URLSearchParams({ payload: JSON.stringify(global) }).toString(),
      'application/x-www-form-urlencoded',
    );
    expect(sent.status).toBe(200);
    const [open] = await fake.waitFor((c) => c.some((x) => x.method === 'views.open')).then(() => fake.callsTo('views.open'));
    expect(allText(open?.body)).toContain(SLACK_MESSAGES.outOfDate);
    const message = {
      ...global,
      type: 'message_action',
      response_url: fake.responseUrl('msg-shortcut'),
      channel: { id: 'C0DESK', name: 'desk' },
      message: { ts: '1.2', text: 'x' },
      message_ts: '1.2',
    };
    expect(
      (await postSigned(url, new URLSearchParams({ payload: JSON.stringify(message) }).toString(), 'application/x-www-form-urlencoded'))
        .status,
    ).toBe(200);
    expect(allText((await reply('msg-shortcut')).body)).toContain(SLACK_MESSAGES.outOfDate);
  });
});

describe('slow requests (item 13)', () => {
  it('uses Slack-sized server timeouts by default', () => {
    expect(SLACK_SERVER_OPTIONS.headersTimeout).toBeLessThanOrEqual(10_000);
    expect(SLACK_SERVER_OPTIONS.requestTimeout).toBeLessThanOrEqual(15_000);
  });

  it('closes a connection whose body never finishes, and keeps answering', async () => {
    const { port, ask } = await startApp({ serverOptions: { headersTimeout: 300, requestTimeout: 400, connectionsCheckingInterval: 50 } });
    const socket = net.connect(Number(port), '127.0.0.1');
    let received = '';
    socket.on('data', (d) => {
      received += String(d);
    });
    const closed = new Promise<void>((resolve) => {
      socket.on('close', () => resolve());
    });
    socket.write(
      'POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"type":',
    );
    await closed;
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    await ask('after-slow');
  });
});
