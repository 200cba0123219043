/**
 * Issue 15, item 3: start-up failures other than bad variables are one line naming the variable and the fix, exit 1, no stack.
 * e2e: each case runs `npm start` (src/main.ts) as a child process. describeStartupError itself: startup-errors.test.ts.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLED_CORPUS } from './helpers.ts';
import { spawnMain } from './main-process.ts';
import { startFakeSlack, type FakeSlack } from './slack/fake-slack.ts';
import { SIGNING_SECRET } from './slack/slack-requests.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const run = spawnMain({ LOG_LEVEL: 'info', ...env }, { killAfterMs: 25_000 });
  const code = await run.exited;
  return { code, stderr: run.stderr, stdout: run.stdout };
}

async function baseEnv(): Promise<{ env: Record<string, string>; fake: FakeSlack }> {
  const fake = await startFakeSlack();
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'brief-startup-'));
  cleanups.push(async () => {
    await fake.close();
    await rm(stateDir, { recursive: true, force: true });
  });
  return {
    fake,
    env: {
      SLACK_BOT_TOKEN: 'xoxb-revoked-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      STATE_DIR: stateDir,
      CORPUS_DIR: BUNDLED_CORPUS,
    },
  };
}

/** One line on stderr, naming the variable, no stack trace, no token. */
function expectOneLine(run: { code: number | null; stderr: string }, variable: string, fix: RegExp) {
  expect(run.code).toBe(1);
  // Structured log lines (JSON) may come first; the failure itself is one plain line.
  const plain = run.stderr.split('\n').filter((l) => l.trim() && !l.startsWith('{'));
  expect(plain).toHaveLength(1);
  expect(plain[0]).toMatch(/^Brief cannot start: /);
  expect(plain[0]).toContain(variable);
  expect(plain[0]).toMatch(fix);
  expect(run.stderr).not.toMatch(/\n\s+at |"stack"/);
  expect(run.stderr).not.toContain('xoxb-revoked-token');
}

describe('npm start fails in one line', () => {
  it('a revoked token (invalid_auth from auth.test)', async () => {
    const { env, fake } = await baseEnv();
    fake.script('auth.test', () => ({ body: { ok: false, error: 'invalid_auth' } }));
    expectOneLine(await runMain(env), 'SLACK_BOT_TOKEN', /invalid_auth.*(reinstall|Install)/i);
  }, 30_000);

  it('a PORT already in use', async () => {
    const { env } = await baseEnv();
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, r));
    cleanups.push(() => new Promise((r) => blocker.close(() => r())));
    const port = (blocker.address() as { port: number }).port;
    expectOneLine(await runMain({ ...env, PORT: String(port) }), 'PORT', new RegExp(`${port} is already in use`));
  }, 30_000);

  it('a STATE_DIR that is a file', async () => {
    const { env } = await baseEnv();
    const file = path.join(env.STATE_DIR!, 'not-a-folder');
    await writeFile(file, 'x');
    expectOneLine(await runMain({ ...env, STATE_DIR: file }), 'STATE_DIR', /not a folder/);
  }, 30_000);

  it('a DATABASE_URL where no PostgreSQL answers, without its password', async () => {
    const { env } = await baseEnv();
    // Port 9 on loopback: nothing listens, the connection is refused at once.
    const run = await runMain({ ...env, DATABASE_URL: 'postgres://brief:db-s3cret@127.0.0.1:9/brief' });
    expectOneLine(
      run,
      'DATABASE_URL',
      /state database postgres:\/\/brief@127\.0\.0\.1:9\/brief could not be opened: .*PostgreSQL is running/,
    );
    expect(run.stderr).not.toContain('db-s3cret');
  }, 30_000);

  it('a CORPUS_DIR that does not exist', async () => {
    const { env } = await baseEnv();
    expectOneLine(await runMain({ ...env, CORPUS_DIR: path.join(env.STATE_DIR!, 'no-such-corpus') }), 'CORPUS_DIR', /does not exist/);
  }, 30_000);
});
