/**
 * `/brief` end to end under concurrent load: the real bot (`src/main.ts`, its own process, HTTP mode
 * on loopback, logging at info to a pipe as in production) against the fake Slack server in this
 * process; the load comes from a third process (bench/slack-load-client.ts), so neither side's
 * event loop delays the other's clock. Measures ack latency (send → HTTP 200, the reply Slack
 * waits for, deadline 3 s) and answer latency (send → the answer at response_url), p50 and p99,
 * errors (non-200, no answer, or an error message as the answer), throughput, and the client's own
 * event-loop lag, which is part of every measured ack (and the fake Slack's). The client sends over
 * keep-alive connections (node:http), signing each request as Slack does.
 *
 *   npm run bench:slack -- [--model answer|ack|rate] [--requests 2000] [--concurrency 20] [--rate 100]
 *                          [--warmup 200] [--corpus DIR] [--profile DIR] [--json]
 *
 * Load models (each run is one model):
 *   answer  closed loop on the whole request (default): `concurrency` users, each sends `/brief` and
 *           waits for its answer at response_url before sending the next. No think time, so the bot
 *           is kept busy: a worst case for 20 users.
 *   ack     closed loop on the ack only (the benchmark's first model): each user sends again as soon
 *           as the HTTP 200 arrives, whether or not the answer has. Answers queue without bound, and
 *           ack latency ≈ concurrency / throughput by Little's law: it measures saturation, not
 *           responsiveness.
 *   rate    open loop: Poisson arrivals at `--rate` requests/s (seeded, the same every run), sent on
 *           schedule whatever the bot is doing, as Slack delivers traffic. `--concurrency` is unused.
 * `--warmup N` sends N requests with the same model first, not measured (the bot's JIT warms up, as
 * a long-running bot's has); `--warmup 0` measures from a cold start, whose tail is longer: report
 * both. `--profile DIR` runs the bot
 * with `node --cpu-prof`, writing the profile to DIR on exit. `--json` prints the result as one JSON line.
 */
import { fork, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MESSAGES, SLACK_MESSAGES } from '../src/render/messages.ts';
import { startFakeSlack } from '../tests/slack/fake-slack.ts';
import { SIGNING_SECRET } from '../tests/slack/slack-requests.ts';
import { quantile } from './measure.ts';
import { hrMs, lagMonitor, type ClientDone, type LagStats, type LoadModel, type ToClient } from './slack-load-client.ts';

const QUESTIONS = [
  'who ordered the pause',
  'how long will the pause last',
  'what did Schumer say about it',
  'are intelligence operations against Russia continuing',
  'what is the coalition of the willing',
  'why did Hegseth order the stand-down',
  'what happened in the Oval Office',
  'what is the capital of France',
];

export interface SlackLoadOptions {
  requests: number;
  concurrency: number;
  corpusDir: string;
  model?: LoadModel;
  /** Requests per second, model `rate`. */
  rate?: number;
  /** Unmeasured requests first (same model). Default 0. */
  warmup?: number;
  /** Run the bot with --cpu-prof, profile written here. */
  profileDir?: string;
}

export interface SlackLoadResult {
  model: LoadModel;
  requests: number;
  concurrency: number;
  rate?: number;
  warmup: number;
  ackP50: number;
  ackP99: number;
  ackMax: number;
  answerP50: number;
  answerP99: number;
  answerMax: number;
  errors: number;
  wallMs: number;
  /** Event-loop delay of the load generator, and of this process (the fake Slack taking answers). */
  clientLag: LagStats;
  fakeSlackLag: LagStats;
  /** Model `rate`: how late the client sent against its schedule. */
  lateP99?: number;
  /** 1-minute load average before and after the run. */
  loadBefore: number;
  loadAfter: number;
}

/** The p-th percentile of sorted values (nearest rank), as bench/measure.ts takes quantiles. */
export function percentile(sorted: readonly number[], p: number): number {
  return quantile(sorted, p / 100);
}

const tsxImport = import.meta.resolve('tsx');

export async function runSlackLoad(options: SlackLoadOptions): Promise<SlackLoadResult> {
  const model = options.model ?? 'answer';
  const rate = options.rate ?? 100;
  const warmup = options.warmup ?? 0;
  const loadBefore = os.loadavg()[0]!;
  const fake = await startFakeSlack();
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'brief-bench-'));
  const port = await freePort();
  const profile = options.profileDir ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(options.profileDir)] : [];
  // Real log lines at info, as in production; they go to a pipe this process drains.
  const bot = spawn(process.execPath, [...profile, '--import', tsxImport, path.resolve('src/main.ts')], {
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      CORPUS_DIR: path.resolve(options.corpusDir),
      STATE_DIR: stateDir,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let botLog = '';
  bot.stderr.on('data', (d: Buffer) => {
    botLog = (botLog + d.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => bot.on('exit', resolve));
  const client = fork(new URL('./slack-load-client.ts', import.meta.url), [], {
    execArgv: ['--import', tsxImport],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    for (let i = 0; ; i++) {
      const status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) break;
      if (i > 300) throw new Error(`the bot did not become healthy:\n${botLog}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    // Answers by request index and phase, timed on the clock the client shares (hrtime).
    const offset = hrMs() - performance.now();
    const answers = new Map<string, { at: number; ok: boolean }>();
    const answered = { 'warm-': 0, 'load-': 0 };
    let waiting: { prefix: string; count: number; resolve: () => void } | undefined;
    fake.onCall((call) => {
      const m = call.responseId && /^(warm|load)-(\d+)$/.exec(call.responseId);
      if (!m) return;
      const text = call.body.text;
      if (model === 'answer') client.send({ type: 'answered', i: Number(m[2]) } satisfies ToClient);
      answers.set(call.responseId!, { at: call.at + offset, ok: text !== MESSAGES.internalError && text !== SLACK_MESSAGES.stillLoading });
      const prefix = m[1] === 'warm' ? 'warm-' : 'load-';
      answered[prefix]++;
      if (waiting?.prefix === prefix && answered[prefix] >= waiting.count) waiting.resolve();
    });
    const phase = async (prefix: 'warm-' | 'load-', requests: number) => {
      const done = new Promise<ClientDone>((resolve, reject) => {
        client.once('message', (m: ClientDone) => resolve(m));
        client.once('exit', (code) => reject(new Error(`the load client exited with ${code}`)));
      });
      const started = hrMs();
      client.send({
        type: 'start',
        url: `http://127.0.0.1:${port}/slack/events`,
        responseBase: `${fake.url}/response/${prefix}`,
        questions: QUESTIONS,
        requests,
        concurrency: options.concurrency,
        model,
        rate,
        seed: prefix === 'warm-' ? 7 : 42,
      } satisfies ToClient);
      const result = await done;
      const acked = result.statuses.filter((s) => s === 200).length;
      // Every acked request should be answered; give stragglers up to two minutes.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 120_000);
        waiting = {
          prefix,
          count: acked,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        };
        if (answered[prefix] >= acked) waiting.resolve();
      });
      waiting = undefined;
      return { result, wallMs: hrMs() - started };
    };

    if (warmup > 0) await phase('warm-', warmup);
    const fakeLag = lagMonitor();
    const { result, wallMs } = await phase('load-', options.requests);
    const fakeSlackLag = fakeLag.stop();

    const acks: number[] = [];
    const answerMs: number[] = [];
    let errors = 0;
    for (let i = 0; i < options.requests; i++) {
      const answer = answers.get(`load-${i}`);
      if (result.statuses[i] !== 200 || !answer || !answer.ok) {
        errors++;
        continue;
      }
      acks.push(result.ackMs[i]!);
      answerMs.push(answer.at - result.sentAt[i]!);
    }
    acks.sort((a, b) => a - b);
    answerMs.sort((a, b) => a - b);
    return {
      model,
      requests: options.requests,
      concurrency: options.concurrency,
      ...(model === 'rate' ? { rate, lateP99: result.lateP99 } : {}),
      warmup,
      ackP50: percentile(acks, 50),
      ackP99: percentile(acks, 99),
      ackMax: acks.at(-1) ?? Number.NaN,
      answerP50: percentile(answerMs, 50),
      answerP99: percentile(answerMs, 99),
      answerMax: answerMs.at(-1) ?? Number.NaN,
      errors,
      wallMs,
      clientLag: result.lag,
      fakeSlackLag,
      loadBefore,
      loadAfter: os.loadavg()[0]!,
    };
  } finally {
    if (client.connected) client.disconnect();
    bot.kill('SIGTERM');
    const code = await exited;
    await fake.close();
    await rm(stateDir, { recursive: true, force: true });
    // biome-ignore lint/correctness/noUnsafeFinally: a bot that does not stop cleanly spoils the run, whatever the run itself threw.
    if (code !== 0) throw new Error(`the bot exited with ${code} on SIGTERM:\n${botLog}`);
  }
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

export function describeModel(r: Pick<SlackLoadResult, 'model' | 'concurrency' | 'rate'>): string {
  if (r.model === 'rate') return `open loop, Poisson arrivals at ${r.rate} requests/s`;
  if (r.model === 'ack') return `${r.concurrency} concurrent, closed loop on the ack (next request at the HTTP 200)`;
  return `${r.concurrency} concurrent, closed loop on the answer (next request once the answer arrived)`;
}

export function formatSlackLoad(r: SlackLoadResult): string {
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const lag = (l: LagStats) => `p50 ${ms(l.p50)}, p99 ${ms(l.p99)}, max ${ms(l.max)}`;
  return [
    `| /brief end to end: ${r.requests} requests, ${describeModel(r)}${r.warmup ? `, after ${r.warmup} warm-up requests` : ', cold start'} | p50 | p99 | max |`,
    '| --- | --- | --- | --- |',
    `| ack (HTTP 200 to Slack) | ${ms(r.ackP50)} | ${ms(r.ackP99)} | ${ms(r.ackMax)} |`,
    `| answer (at response_url) | ${ms(r.answerP50)} | ${ms(r.answerP99)} | ${ms(r.answerMax)} |`,
    '',
    `errors: ${r.errors}; wall time ${(r.wallMs / 1000).toFixed(1)} s (${((r.requests / r.wallMs) * 1000).toFixed(0)} requests/s)`,
    `load client event-loop lag: ${lag(r.clientLag)}${r.lateP99 !== undefined ? `; sends late against schedule p99 ${ms(r.lateP99)}` : ''}`,
    `fake Slack event-loop lag: ${lag(r.fakeSlackLag)}`,
    `load average (1 min): ${r.loadBefore.toFixed(2)} before, ${r.loadAfter.toFixed(2)} after; ${os.cpus().length} cores`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: 'answer' },
      requests: { type: 'string', default: '2000' },
      concurrency: { type: 'string', default: '20' },
      rate: { type: 'string', default: '100' },
      warmup: { type: 'string', default: '200' },
      corpus: { type: 'string', default: 'corpus' },
      profile: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const model = values.model as LoadModel;
  if (!['answer', 'ack', 'rate'].includes(model)) throw new Error(`--model must be answer, ack or rate, not ${model}`);
  const result = await runSlackLoad({
    model,
    requests: Number(values.requests),
    concurrency: Number(values.concurrency),
    rate: Number(values.rate),
    warmup: Number(values.warmup),
    corpusDir: values.corpus,
    ...(values.profile ? { profileDir: values.profile } : {}),
  });
  process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : `${formatSlackLoad(result)}\n`);
}
