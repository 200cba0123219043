import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBrief, type RunningBrief } from '../../src/start-brief.ts';
import { BUNDLED_CORPUS, captureLogger } from '../helpers.ts';
import { startFakeSlack, type FakeSlack } from './fake-slack.ts';
import { testConfig } from './harness.ts';

// The listeners' client (also Bolt's auth.test at start) keeps the Web API client's own retries:
// one 5xx from Slack at start must not stop the bot, as it did not before there was one client factory.
describe("the listeners' Slack client", () => {
  let fake: FakeSlack | undefined;
  let brief: RunningBrief | undefined;
  let stateDir: string | undefined;
  afterEach(async () => {
    await brief?.stop();
    await fake?.close();
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  });

  it('starts when Slack answers the first auth.test with a 500, by asking again', async () => {
    fake = await startFakeSlack();
    let asked = 0;
    fake.script('auth.test', (_call, count) => {
      asked = count;
      return count === 1 ? { status: 500, body: 'upstream error' } : undefined;
    });
    stateDir = await mkdtemp(path.join(os.tmpdir(), 'brief-state-'));
    brief = await startBrief(testConfig(fake, { corpusDir: BUNDLED_CORPUS, stateDir }), captureLogger().logger);
    expect(brief.port).toBeGreaterThan(0);
    expect(asked).toBeGreaterThanOrEqual(2);
    expect(fake.callsTo('auth.test')).toHaveLength(asked - 1); // the 500 is not recorded as a call
  });
});
