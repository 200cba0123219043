import { SocketModeReceiver } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { openCorpus, type OpenedCorpus } from '../../src/corpus/open-corpus.ts';
import { createSlackApp } from '../../src/slack/create-slack-app.ts';
import { createInFlight } from '../../src/slack/in-flight.ts';
import { BUNDLED_CORPUS, captureLogger } from '../helpers.ts';
import { allText } from './harness.ts';
import { startFakeSlack, type FakeSlack } from './fake-slack.ts';
import { postSigned, SIGNING_SECRET, slashCommandBody } from './slack-requests.ts';
import { openTestState, testStateConfig } from '../state/test-databases.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function startApp(getCorpus: () => OpenedCorpus | undefined, isReady = () => true) {
  const fake = await startFakeSlack();
  const { logger, lines } = captureLogger();
  const slack = createSlackApp({
    config: { slack: { botToken: 'xoxb-test', mode: 'http', signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl }, port: 0 },
    logger,
    inFlight: createInFlight(),
    state: await openTestState(await testStateConfig('sqlite')),
    getCorpus,
    isReady,
  });
  const { port } = await slack.start();
  cleanups.push(async () => {
    await slack.stop();
    await fake.close();
  });
  const base = `http://127.0.0.1:${port}`;
  const command = (text: string, id: string) =>
    postSigned(`${base}/slack/events`, slashCommandBody(text, fake.responseUrl(id)), 'application/x-www-form-urlencoded');
  return { fake, lines, base, command };
}

const reply = async (fake: FakeSlack, id: string) =>
  (await fake.waitFor((c) => c.some((x) => x.responseId === id))).find((x) => x.responseId === id)!;

describe('when things go wrong after the ack', () => {
  it('tells the user something useful, logs the error, and keeps answering', async () => {
    const good = await openCorpus(BUNDLED_CORPUS, captureLogger().logger);
    let broken = true;
    const flaky: OpenedCorpus = {
      ...good,
      engine: {
        ...good.engine,
        answer: (q, o) => {
          if (broken) throw new Error('index exploded');
          return good.engine.answer(q, o);
        },
      },
    };
    const { fake, lines, command } = await startApp(() => flaky);
    expect((await command('who ordered the pause', 'f1')).status).toBe(200);
    expect(allText((await reply(fake, 'f1')).body)).toMatch(/something went wrong/);
    const err = lines.find((l) => l.msg === 'answering /brief failed');
    expect((err?.err as { message?: string })?.message).toBe('index exploded');
    broken = false;
    await command('who ordered the pause', 'f2');
    expect(allText((await reply(fake, 'f2')).body)).toMatch(/Hegseth/);
  });

  it('logs a response_url that fails, without crashing', async () => {
    const good = await openCorpus(BUNDLED_CORPUS, captureLogger().logger);
    const { fake, lines, command } = await startApp(() => good);
    fake.script('response_url', (call) => (call.responseId === 'dead' ? { status: 500, body: 'no' } : undefined));
    expect((await command('who ordered the pause', 'dead')).status).toBe(200);
    await expect.poll(() => lines.some((l) => l.msg === 'could not tell the user about the failure')).toBe(true);
    await command('who ordered the pause', 'alive');
    expect(allText((await reply(fake, 'alive')).body)).toMatch(/Hegseth/);
  });

  it('says the corpus is still loading instead of failing', async () => {
    const { fake, command } = await startApp(
      () => undefined,
      () => false,
    );
    await command('who ordered the pause', 'early');
    expect(allText((await reply(fake, 'early')).body)).toMatch(/still indexing/);
  });
});

describe('/healthz', () => {
  it('answers 503 until the corpus is indexed, then 200', async () => {
    let ready = false;
    const { base } = await startApp(
      () => undefined,
      () => ready,
    );
    expect((await fetch(`${base}/healthz`)).status).toBe(503);
    ready = true;
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok' });
  });
});

describe('Socket Mode', () => {
  it('is chosen by an app token and needs no signing secret or port', async () => {
    const { logger } = captureLogger();
    const slack = createSlackApp({
      config: { slack: { botToken: 'xoxb-test', mode: 'socket', appToken: 'xapp-test' }, port: 0 },
      logger,
      inFlight: createInFlight(),
      state: await openTestState(await testStateConfig('sqlite')),
      getCorpus: () => undefined,
      isReady: () => false,
    });
    expect(slack.receiver).toBeUndefined();
    expect((slack.app as unknown as { receiver: unknown }).receiver).toBeInstanceOf(SocketModeReceiver);
  });
});
