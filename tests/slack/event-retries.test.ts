/**
 * Slack's retry of an event (same event_id) is answered once: after a restart of the bot, and when
 * the retry reaches another bot on the same state. Seen event ids live in the state database.
 */
import { describe, expect, it } from 'vitest';
import { startBrief, type RunningBrief } from '../../src/start-brief.ts';
import { BUNDLED_CORPUS, captureLogger } from '../helpers.ts';
import {
  BACKENDS,
  PG_SKIP_REASON,
  skipBackend,
  tempStateDir,
  testStateConfig,
  warnIfNoPostgres,
  type TestStateConfig,
} from '../state/test-databases.ts';
import { startFakeSlack, type FakeSlack } from './fake-slack.ts';
import { testConfig } from './harness.ts';
import { eventBody, postSigned } from './slack-requests.ts';

warnIfNoPostgres();

const mention = (channel: string, ts: string) => ({
  type: 'app_mention',
  user: 'U0BOB',
  text: '<@UBRIEF> who ordered the pause',
  ts,
  channel,
});
const RETRY = { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' };

async function startBot(fake: FakeSlack, state: TestStateConfig) {
  const { logger, lines } = captureLogger();
  const brief: RunningBrief = await startBrief(testConfig(fake, { corpusDir: BUNDLED_CORPUS, ...state }), logger);
  await brief.ready;
  const send = (event: Record<string, unknown>, id: string, headers: Record<string, string> = {}) =>
    postSigned(`http://127.0.0.1:${brief.port}/slack/events`, eventBody(event, id), 'application/json', headers);
  const ignored = (id: string) => lines.some((l) => l.msg === 'duplicate event ignored' && l.eventId === id);
  return { brief, send, ignored, lines };
}

for (const backend of BACKENDS) {
  describe.skipIf(skipBackend(backend))(`event retries on ${backend}${skipBackend(backend) ? ` (${PG_SKIP_REASON})` : ''}`, () => {
    it('does not answer a retry that arrives after a restart', async () => {
      const fake = await startFakeSlack();
      try {
        const state = await testStateConfig(backend);
        const first = await startBot(fake, state);
        await first.send(mention('C0RESTART', '1700000500.000100'), 'Ev-restart-1');
        await fake.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0RESTART'));
        await first.brief.stop();

        const second = await startBot(fake, state);
        await second.send(mention('C0RESTART', '1700000500.000100'), 'Ev-restart-1', RETRY);
        await second.send(mention('C0NEXT', '1700000501.000100'), 'Ev-restart-2');
        await fake.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0NEXT'));
        expect(second.ignored('Ev-restart-1')).toBe(true);
        expect(fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0RESTART')).toHaveLength(1);
        await second.brief.stop();
      } finally {
        await fake.close();
      }
    }, 30_000);

    it('answers once when the event reaches one bot and its retry another on the same state', async () => {
      const fake = await startFakeSlack();
      try {
        const state = await testStateConfig(backend);
        // Replicas share PostgreSQL with folders of their own; on SQLite the shared state is the folder's brief.db.
        const a = await startBot(fake, state);
        const b = await startBot(fake, backend === 'postgres' ? { ...state, stateDir: await tempStateDir() } : state);
        await Promise.all([
          a.send(mention('C0TWO', '1700000600.000100'), 'Ev-two-1'),
          b.send(mention('C0TWO', '1700000600.000100'), 'Ev-two-1', RETRY),
        ]);
        await fake.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0TWO'));
        await expect.poll(() => a.ignored('Ev-two-1') || b.ignored('Ev-two-1')).toBe(true);
        expect(fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0TWO')).toHaveLength(1);
        await a.brief.stop();
        await b.brief.stop();
      } finally {
        await fake.close();
      }
    }, 30_000);
  });
}
