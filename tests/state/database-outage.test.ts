/**
 * The PostgreSQL connection goes away (a TCP proxy between the bot and the server stops passing
 * traffic): /healthz says `unreachable`, the retries are logged with backoff, /brief still answers
 * from memory; when the database is back, /healthz says `ok` and the log says so.
 */
import { createServer, Socket, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startBrief } from '../../src/start-brief.ts';
import { BUNDLED_CORPUS, captureLogger } from '../helpers.ts';
import { startFakeSlack } from '../slack/fake-slack.ts';
import { allText, testConfig } from '../slack/harness.ts';
import { postSigned, slashCommandBody } from '../slack/slack-requests.ts';
import { freshPostgresUrl, PG_SKIP_REASON, PG_URL, tempStateDir, warnIfNoPostgres } from './test-databases.ts';

warnIfNoPostgres();

/** Forwards TCP to `target`; `cut()` drops every connection and refuses new ones until `restore()`. */
async function startTcpProxy(target: URL) {
  let up = true;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    client.on('error', () => client.destroy());
    if (!up) {
      client.destroy();
      return;
    }
    const upstream = new Socket();
    upstream.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    cut() {
      up = false;
      for (const s of sockets) s.destroy();
    },
    restore() {
      up = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe.skipIf(!PG_URL)(`losing the PostgreSQL connection${PG_URL ? '' : ` (${PG_SKIP_REASON})`}`, () => {
  it('reports it on /healthz, retries with backoff, keeps answering, and recovers', async () => {
    const direct = new URL(await freshPostgresUrl());
    const proxy = await startTcpProxy(direct);
    const viaProxy = new URL(direct);
    viaProxy.port = String(proxy.port);
    viaProxy.password = 'never-logged-s3cret'; // the test server trusts loopback; a password shows logs leave it out
    const fake = await startFakeSlack();
    const { logger, lines } = captureLogger();
    const brief = await startBrief(
      testConfig(fake, { corpusDir: BUNDLED_CORPUS, stateDir: await tempStateDir() }, { databaseUrl: viaProxy.toString() }),
      logger,
      { health: { intervalMs: 100, backoffMs: 50, maxBackoffMs: 200 } },
    );
    try {
      await brief.ready;
      const base = `http://127.0.0.1:${brief.port}`;
      const health = async () => (await (await fetch(`${base}/healthz`)).json()) as { status: string; database: string };
      expect(await health()).toEqual({ status: 'ok', database: 'ok' });

      proxy.cut();
      await expect.poll(() => health(), { timeout: 10_000, interval: 50 }).toEqual({ status: 'ok', database: 'unreachable' });
      await postSigned(
        `${base}/slack/events`,
        slashCommandBody('who ordered the pause', fake.responseUrl('during')),
        'application/x-www-form-urlencoded',
      );
      const reply = (await fake.waitFor((calls) => calls.some((c) => c.responseId === 'during'))).find((c) => c.responseId === 'during')!;
      expect(allText(reply.body)).toMatch(/Hegseth/);
      await expect
        .poll(() => lines.filter((l) => l.msg === 'state database still unreachable').length, { timeout: 10_000 })
        .toBeGreaterThanOrEqual(2);
      const retries = lines.filter((l) => l.msg === 'state database still unreachable').map((l) => l.retryInMs as number);
      expect(retries[1]).toBeGreaterThanOrEqual(retries[0]!);
      expect(lines.filter((l) => l.msg === 'state database unreachable; retrying with backoff (answers go on from memory)')).toHaveLength(
        1,
      );
      expect(JSON.stringify(lines)).not.toContain('never-logged-s3cret');
      expect(lines.find((l) => l.msg === 'state database unreachable; retrying with backoff (answers go on from memory)')?.database).toBe(
        `postgres://brief@127.0.0.1:${proxy.port}${direct.pathname}`,
      );

      proxy.restore();
      await expect.poll(() => health(), { timeout: 10_000, interval: 50 }).toEqual({ status: 'ok', database: 'ok' });
      expect(lines.some((l) => l.msg === 'state database reachable again')).toBe(true);
    } finally {
      await brief.stop();
      await fake.close();
      await proxy.close();
    }
  }, 40_000);
});
