/**
 * Bolt's own `respond()` (global fetch / undici) against Brief's `createRespond` (node:http with
 * keep-alive): N responses to a response_url on a loopback server in another process, so only the
 * sender's CPU is counted. Prints CPU µs per response and wall ms for the N, one JSON line.
 *
 *   npx tsx bench/respond-compare.ts bolt|node-http [--n 2000] [--concurrency 1] [--warmup 200]
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import { parseArgs } from 'node:util';
import boltRespond from '@slack/bolt/dist/context/create-respond.js';
import { createRespond } from '../src/slack/post/respond.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    n: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '1' },
    warmup: { type: 'string', default: '200' },
  },
});

if (positionals[0] === 'server') {
  // The response_url: reads the JSON body and answers 200 "ok", as Slack does.
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  server.listen(0, '127.0.0.1', () => process.send?.((server.address() as { port: number }).port));
} else {
  const variant = positionals[0];
  if (variant !== 'bolt' && variant !== 'node-http') throw new Error('usage: respond-compare.ts bolt|node-http');
  const child = fork(new URL(import.meta.url), ['server'], { execArgv: ['--import', 'tsx'] });
  const port = await new Promise<number>((resolve) => child.once('message', (p) => resolve(p as number)));
  const url = `http://127.0.0.1:${port}/response/r1`;
  const respond = variant === 'bolt' ? boltRespond.createRespond(globalThis.fetch, url) : createRespond(url);
  const section = { type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'x'.repeat(600) } };
  const message = { response_type: 'ephemeral' as const, text: 'an answer', blocks: [section] };
  const run = async (count: number, concurrency: number) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next++ < count) await respond(message);
      }),
    );
  };
  const concurrency = Number(values.concurrency);
  await run(Number(values.warmup), concurrency);
  const n = Number(values.n);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await run(n, concurrency);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuUsPerResponse = Math.round((cpu.user + cpu.system) / n);
  console.log(JSON.stringify({ variant, n, concurrency, cpuUsPerResponse, wallMs: Math.round(wallMs) }));
  child.kill();
  process.exit(0);
}
