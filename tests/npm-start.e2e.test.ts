/** `npm start` (src/main.ts) as a child process: what it says without its variables, and a clean run to SIGTERM. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLED_CORPUS } from './helpers.ts';
import { spawnMain } from './main-process.ts';
import { startFakeSlack } from './slack/fake-slack.ts';
import { postSigned, SIGNING_SECRET, slashCommandBody } from './slack/slack-requests.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('npm start', () => {
  it('names every missing variable and how to get it, and exits 1', async () => {
    const main = spawnMain({});
    const run = { code: await main.exited, stderr: main.output };
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/SLACK_BOT_TOKEN is missing: .*OAuth & Permissions/);
    expect(run.stderr).toMatch(/SLACK_SIGNING_SECRET is missing: .*Signing Secret.*or set SLACK_APP_TOKEN/);
  });

  it('runs, serves /healthz, and on SIGTERM finishes cleanly with exit 0', async () => {
    const fake = await startFakeSlack();
    const stateDir = await mkdtemp(path.join(os.tmpdir(), 'brief-main-'));
    const main = spawnMain({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      STATE_DIR: stateDir,
      CORPUS_DIR: BUNDLED_CORPUS,
    });
    cleanups.push(async () => {
      await main.kill9();
      await fake.close();
      await rm(stateDir, { recursive: true, force: true });
    });
    const base = `http://127.0.0.1:${await main.port}`;
    const health = async () => (await fetch(`${base}/healthz`).catch(() => undefined))?.status;
    await expect.poll(health, { timeout: 15_000, interval: 200 }).toBe(200);
    const command = slashCommandBody('who ordered the pause', fake.responseUrl('main1'));
    const sent = await postSigned(`${base}/slack/events`, command, 'application/x-www-form-urlencoded');
    expect(sent.status).toBe(200);
    main.child.kill('SIGTERM');
    const result = { code: await main.exited, stderr: main.output };
    expect(result.code).toBe(0);
    expect(fake.calls.some((c) => c.responseId === 'main1')).toBe(true);
    expect(result.stderr).toMatch(/"msg":"stopped"/);
    expect(result.stderr).not.toContain('xoxb-test');
  }, 30_000);
});
