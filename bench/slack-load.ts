/**
 * `/brief` end to end under concurrent load: the real bot (`src/main.ts`, its own process, HTTP mode
 * on loopback) against the fake Slack server in this process, which also sends the load. Measures ack latency (the HTTP reply Slack waits for, deadline 3 s) and answer
 * latency (until the answer reaches response_url), p50 and p99, and errors.
 *
 *   npm run bench:slack -- [--requests 2000] [--concurrency 20] [--corpus DIR]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startFakeSlack } from '../tests/slack/fake-slack.ts';
import { postSigned, SIGNING_SECRET, slashCommandBody } from '../tests/slack/slack-requests.ts';

const QUESTIONS = ['who ordered the pause', 'how long will the pause last', 'what did Schumer say about it', 'are intelligence operations against Russia continuing', 'what is the coalition of the willing', 'why did Hegseth order the stand-down', 'what happened in the Oval Office', 'what is the capital of France'];

export interface SlackLoadResult { requests: number; concurrency: number; ackP50: number; ackP99: number; answerP50: number; answerP99: number; errors: number; wallMs: number }

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export async function runSlackLoad(options: { requests: number; concurrency: number; corpusDir: string }): Promise<SlackLoadResult> {
  const fake = await startFakeSlack();
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'brief-bench-'));
  const port = await freePort();
  // Real log lines at info, as in production; they go to a pipe this process drains.
  const bot = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), path.resolve('src/main.ts')], {
    env: { PATH: process.env.PATH ?? '', SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: String(port), CORPUS_DIR: path.resolve(options.corpusDir), STATE_DIR: stateDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let botLog = '';
  bot.stderr.on('data', (d: Buffer) => { botLog = (botLog + d.toString()).slice(-4000); });
  const exited = new Promise<number | null>((resolve) => bot.on('exit', resolve));
  for (let i = 0; ; i++) {
    const status = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status, () => 0);
    if (status === 200) break;
    if (i > 300) throw new Error(`the bot did not become healthy:\n${botLog}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const url = `http://127.0.0.1:${port}/slack/events`;
  const acks: number[] = [];
  const sentAt = new Map<string, number>();
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < options.requests) {
      const i = next++;
      const id = `load-${i}`;
      sentAt.set(id, performance.now());
      const res = await postSigned(url, slashCommandBody(QUESTIONS[i % QUESTIONS.length]!, fake.responseUrl(id)), 'application/x-www-form-urlencoded').catch(() => undefined);
      if (!res || res.status !== 200) errors++;
      else acks.push(res.ms);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  await fake.waitFor((calls) => calls.filter((c) => c.responseId?.startsWith('load-')).length >= options.requests - errors, 120_000).catch(() => undefined);
  const wallMs = performance.now() - started;
  const answers = fake.calls.filter((c) => c.responseId?.startsWith('load-')).map((c) => c.at - (sentAt.get(c.responseId!) ?? c.at));
  errors += options.requests - errors - answers.length;
  bot.kill('SIGTERM');
  const code = await exited;
  if (code !== 0) throw new Error(`the bot exited with ${code} on SIGTERM:\n${botLog}`);
  await fake.close();
  await rm(stateDir, { recursive: true, force: true });
  acks.sort((a, b) => a - b);
  answers.sort((a, b) => a - b);
  return {
    requests: options.requests, concurrency: options.concurrency, errors, wallMs,
    ackP50: percentile(acks, 50), ackP99: percentile(acks, 99), answerP50: percentile(answers, 50), answerP99: percentile(answers, 99),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export function formatSlackLoad(r: SlackLoadResult): string {
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  return [
    `| /brief end to end (${r.requests} requests, ${r.concurrency} concurrent) | p50 | p99 |`,
    '| --- | --- | --- |',
    `| ack (HTTP 200 to Slack) | ${ms(r.ackP50)} | ${ms(r.ackP99)} |`,
    `| answer (at response_url) | ${ms(r.answerP50)} | ${ms(r.answerP99)} |`,
    '',
    `errors: ${r.errors}; wall time ${(r.wallMs / 1000).toFixed(1)} s (${((r.requests / r.wallMs) * 1000).toFixed(0)} requests/s)`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { requests: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '20' }, corpus: { type: 'string', default: 'corpus' } } });
  const result = await runSlackLoad({ requests: Number(values.requests), concurrency: Number(values.concurrency), corpusDir: values.corpus });
  process.stdout.write(`${formatSlackLoad(result)}\n`);
}
