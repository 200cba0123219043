/**
 * `npm run probe`: a hostile run from outside (issue 15). Starts the real bot (`src/main.ts`, HTTP
 * mode) as a child process against the fake Slack, both on loopback only, with a temp corpus and
 * state, and checks what the first probe found: a signed `null` body, padded questions, help text,
 * an outside symlink, five large files under a steady stream of `/brief`, the question shown, a
 * revoked token (plus future timestamps and stale buttons). Prints one line per check and exits 1
 * if any fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeSlack, type FakeCall, type FakeSlack } from '../tests/slack/fake-slack.ts';
import { buttonBody, eventBody, postSigned, SIGNING_SECRET, slashCommandBody } from '../tests/slack/slack-requests.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ALERTS = 'C0ALERTS';
/** Slack's deadline is 3 s; the issue asks for every ack under 2 s while a corpus reloads. */
const MAX_ACK_MS = 2000;

interface Check {
  item: string;
  name: string;
  ok: boolean;
  detail: string;
}
const checks: Check[] = [];
function check(item: string, name: string, ok: boolean, detail = ''): void {
  checks.push({ item, name, ok, detail });
  process.stdout.write(`${ok ? 'PASS' : 'FAIL'}  [${item}] ${name}${detail ? ` — ${detail}` : ''}\n`);
}

const text = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(text).join('\n');
  if (value && typeof value === 'object') return Object.values(value).map(text).join('\n');
  return '';
};
const strayAngles = (s: string) => (s.match(/<[^>]*>/g) ?? []).filter((m) => !/^<(?:[@#!]|https?:\/\/|mailto:)/.test(m));

/** Varied prose (no two paragraphs alike), about `bytes` long. */
function prose(bytes: number, tag: string): string {
  const words =
    'the a council ministry senator pause cyber operations report agency officials said statement week month budget plan review policy defense attack network signal decision briefing committee inquiry document memo source record timeline allies pressure vote hearing warning analysis'.split(
      ' ',
    );
  // mulberry32 in 32-bit integer arithmetic: the float LCG this replaced lost precision and cycled,
  // so paragraphs repeated and were (rightly) collapsed as copies of one another.
  let seed = tag.split('').reduce((s, c) => Math.imul(s, 31) + c.charCodeAt(0), 7) >>> 0;
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out: string[] = [];
  let size = 0;
  for (let n = 0; size < bytes; n++) {
    const sentences = Array.from({ length: 5 }, (_, s) => {
      const w = Array.from({ length: 12 + Math.floor(rnd() * 14) }, () => words[Math.floor(rnd() * words.length)]!);
      w.push(`${tag}w${n}s${s}`);
      const t = w.join(' ');
      return `${t[0]!.toUpperCase()}${t.slice(1)}.`;
    });
    const p = sentences.join(' ');
    out.push(p);
    size += p.length + 2;
  }
  return out.join('\n\n');
}

interface Bot {
  child: ChildProcess;
  port: number;
  url: string;
  logs: string[];
  exited: Promise<number | null>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function startBot(env: Record<string, string>): Bot & { port: number } {
  const port = Number(env.PORT);
  const child = spawn(
    process.execPath,
    [
      ...(process.env.PROBE_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      '--import',
      import.meta.resolve('tsx'),
      path.join(ROOT, 'src', 'main.ts'),
    ],
    {
      cwd: os.tmpdir(),
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const logs: string[] = [];
  let partial = '';
  const collect = (d: Buffer) => {
    const lines = (partial + d.toString()).split('\n');
    partial = lines.pop() ?? '';
    logs.push(...lines);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (partial) logs.push(partial);
      resolve(code);
    }),
  );
  return { child, port, url: `http://127.0.0.1:${port}/slack/events`, logs, exited };
}

async function until(predicate: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const reply = async (fake: FakeSlack, id: string, ms = 10_000): Promise<FakeCall> =>
  (await fake.waitFor((calls) => calls.some((c) => c.responseId === id), ms)).find((c) => c.responseId === id)!;

async function main(): Promise<void> {
  const fake = await startFakeSlack();
  const root = await mkdtemp(path.join(os.tmpdir(), 'brief-probe-'));
  const corpusDir = path.join(root, 'corpus');
  await cp(path.join(ROOT, 'corpus'), corpusDir, { recursive: true, filter: (src) => !src.includes('.brief-cache') });
  await writeFile(
    path.join(root, 'secret.md'),
    '---\ntitle: "Payroll of the outside folder"\n---\n\nZanzibarquux salaries of everyone in payroll, kept outside the corpus.\n',
  );
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-probe-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: String(await freePort()),
    STATE_DIR: path.join(root, 'state'),
    CORPUS_DIR: corpusDir,
    ALERT_CHANNEL: ALERTS,
    CORPUS_SETTLE_MS: '200',
  };
  const bot = startBot(env);
  try {
    await until(
      async () => (await fetch(`http://127.0.0.1:${bot.port}/healthz`).catch(() => undefined))?.status === 200,
      30_000,
      'the bot to index the corpus',
    );
    const command = (q: string, id: string, sign: { timestamp?: number } = {}) =>
      postSigned(bot.url, slashCommandBody(q, fake.responseUrl(id)), 'application/x-www-form-urlencoded', {}, sign);
    const answers = async (id: string) => {
      await command('who ordered the pause', id);
      return /Hegseth/.test(text((await reply(fake, id)).body));
    };

    // Item 2: a signed null body, and a form payload=null.
    const nullJson = await postSigned(bot.url, 'null', 'application/json');
    const nullForm = await postSigned(bot.url, 'payload=null', 'application/x-www-form-urlencoded');
    check('2', 'signed JSON null gets a 4xx', nullJson.status >= 400 && nullJson.status < 500, `HTTP ${nullJson.status}`);
    check('2', 'signed form payload=null gets a 4xx', nullForm.status >= 400 && nullForm.status < 500, `HTTP ${nullForm.status}`);
    check('2', 'the bot keeps serving after them', bot.child.exitCode === null && (await answers('after-null')));

    // Item 4: questions padded with 1,500 `"` or `\`.
    for (const [name, pad] of [
      ['quotes', '"'],
      ['backslashes', '\\'],
    ] as const) {
      await command(`who ordered the pause ${pad.repeat(1500)}`, `pad-${name}`);
      const blocks = (await reply(fake, `pad-${name}`)).body.blocks as { type: string; elements?: { value?: string }[] }[] | undefined;
      const values = (blocks ?? [])
        .filter((b) => b.type === 'actions')
        .flatMap((b) => b.elements ?? [])
        .map((e) => e.value ?? '');
      const longest = Math.max(0, ...values.map((v) => v.length));
      check(
        '4',
        `button values stay within 2,000 characters (question padded with 1,500 ${name})`,
        values.length > 0 && longest <= 2000,
        `longest ${longest}`,
      );
    }

    // Item 5: help text everywhere.
    await command('help', 'help');
    await command('', 'help-empty');
    await command('watches', 'help-watches');
    await postSigned(
      bot.url,
      eventBody({ type: 'app_mention', user: 'U0BOB', text: '<@UBRIEF>', ts: '1700000001.000100', channel: 'C0HELP' }, 'Ev-probe-mention'),
      'application/json',
    );
    await postSigned(
      bot.url,
      eventBody(
        { type: 'message', channel_type: 'im', channel: 'D0HELP', user: 'U0BOB', text: 'help', ts: '1700000002.000100' },
        'Ev-probe-dm',
      ),
      'application/json',
    );
    await fake.waitFor((calls) =>
      ['C0HELP', 'D0HELP'].every((ch) => calls.some((c) => c.method === 'chat.postMessage' && c.body.channel === ch)),
    );
    const helpTexts = [
      ...(await Promise.all(['help', 'help-empty', 'help-watches'].map(async (id) => text((await reply(fake, id)).body)))),
      ...fake
        .callsTo('chat.postMessage')
        .filter((c) => ['C0HELP', 'D0HELP'].includes(String(c.body.channel)))
        .map((c) => text(c.body)),
    ];
    const stray = helpTexts.flatMap(strayAngles);
    check(
      '5',
      'no unescaped <question>/<n> in /brief help, empty /brief, watches, empty mention, DM help',
      stray.length === 0 && helpTexts.every((t) => t.length > 0),
      stray.join(' '),
    );

    // Item 7: the question at the top of a private answer.
    await command('what did Schumer say', 'shown');
    const shown = (await reply(fake, 'shown')).body.blocks as { elements?: { text?: string }[] }[];
    check('7', 'a private answer shows the question at the top', /You asked:\* _what did Schumer say_/.test(text(shown[0])));

    // Items 11, 12: a future timestamp, a stale button.
    const future = await command('who ordered the pause', 'future', { timestamp: Math.floor(Date.now() / 1000) + 3600 });
    check('11', 'a correctly signed request stamped an hour ahead is refused', future.status === 401, `HTTP ${future.status}`);
    const stale = await postSigned(
      bot.url,
      buttonBody('brief_retired', '{}', fake.responseUrl('stale')),
      'application/x-www-form-urlencoded',
    );
    check(
      '12',
      'an unknown button is acked at once and called out of date',
      stale.status === 200 && stale.ms < 1000 && /out of date/.test(text((await reply(fake, 'stale')).body)),
      `HTTP ${stale.status} in ${Math.round(stale.ms)} ms`,
    );

    // Item 6: a symlink to a file outside the corpus folder.
    await symlink(path.join(root, 'secret.md'), path.join(corpusDir, 'secret.md'));
    await until(
      () => bot.logs.some((l) => l.includes('skipped corpus file') && l.includes('secret.md')),
      15_000,
      'the symlink to be looked at',
    );
    const skipLine = bot.logs.find((l) => l.includes('skipped corpus file') && l.includes('secret.md')) ?? '';
    await command('Zanzibarquux salaries payroll', 'secret');
    const secretReply = text((await reply(fake, 'secret')).body);
    check(
      '6',
      'an outside symlink is skipped with a log line naming it',
      /outside the corpus folder/.test(skipLine),
      skipLine.slice(0, 160),
    );
    // The word itself may be echoed ("You asked", "Not in the corpus: zanzibarquux"); the file's title and text may not.
    check(
      '6',
      'its text is not answered from, nor announced',
      !/Payroll of the outside|salaries of everyone/i.test(secretReply) &&
        !fake.callsTo('chat.postMessage').some((c) => /Payroll of the outside/.test(text(c.body))),
    );

    // Item 1: five ~1.95 MB articles dropped at once under a steady stream of /brief. The texts are
    // made first: making them while requests are in flight would hold this process's loop and count
    // against the bot's acks.
    const bigTexts = Array.from(
      { length: 5 },
      (_, i) => `---\ntitle: "Big probe article ${i}"\nsource: Wire\npublished: 2025-03-05\n---\n\n${prose(1_950_000, `big${i}`)}\n`,
    );
    const acks: number[] = [];
    let streaming = true;
    let n = 0;
    const stream = (async () => {
      const inFlight: Promise<void>[] = [];
      while (streaming) {
        const id = `stream-${n++}`;
        inFlight.push(
          command('who ordered the pause', id).then((sent) => {
            acks.push(sent.status === 200 ? sent.ms : Infinity);
          }),
        );
        await new Promise((r) => setTimeout(r, 100));
      }
      await Promise.all(inFlight);
    })();
    await new Promise((r) => setTimeout(r, 500));
    await Promise.all(
      bigTexts.map(async (t, i) => {
        await writeFile(path.join(corpusDir, `.big${i}.tmp`), t);
        await rename(path.join(corpusDir, `.big${i}.tmp`), path.join(corpusDir, `big${i}.md`));
      }),
    );
    const dropped = performance.now();
    await until(
      () => bot.logs.some((l) => l.includes('"corpus reloaded"') && /"passages":\d{4,}/.test(l)),
      120_000,
      'the large files to be indexed',
    );
    await fake.waitFor(
      (calls) => calls.some((c) => c.method === 'chat.postMessage' && c.body.channel === ALERTS && /Big probe article/.test(text(c.body))),
      60_000,
    );
    const reloadMs = Math.round(performance.now() - dropped);
    await new Promise((r) => setTimeout(r, 500));
    streaming = false;
    await stream;
    const maxAck = Math.round(Math.max(...acks));
    check(
      '1',
      `every /brief ack under ${MAX_ACK_MS} ms while five 1.95 MB articles load`,
      acks.length > 10 && maxAck < MAX_ACK_MS,
      `${acks.length} acks, max ${maxAck} ms, p50 ${Math.round(acks.sort((a, b) => a - b)[Math.floor(acks.length / 2)]!)} ms, reload + alert ${reloadMs} ms`,
    );
    check(
      '1',
      'the bot answers from the new articles',
      await (async () => {
        await command('big3w10s2', 'big-q');
        return /Big probe article 3/.test(text((await reply(fake, 'big-q', 20_000)).body));
      })(),
    );

    bot.child.kill('SIGTERM');
    check('-', 'the bot stops cleanly on SIGTERM', (await bot.exited) === 0);

    // Item 3: a revoked token.
    fake.script('auth.test', () => ({ body: { ok: false, error: 'invalid_auth' } }));
    const revoked = startBot({ ...env, PORT: String(await freePort()), SLACK_BOT_TOKEN: 'xoxb-revoked-token' });
    const code = await revoked.exited;
    const plain = revoked.logs.filter((l) => l.trim() && !l.startsWith('{'));
    check(
      '3',
      'a revoked token exits 1 with one line naming SLACK_BOT_TOKEN, no stack',
      code === 1 &&
        plain.length === 1 &&
        /SLACK_BOT_TOKEN was rejected by Slack \(invalid_auth\)/.test(plain[0] ?? '') &&
        !revoked.logs.some((l) => /^\s+at |"stack"/.test(l)),
      plain.join(' | ').slice(0, 200),
    );
    check(
      '-',
      'no token in any log line',
      !bot.logs.concat(revoked.logs).some((l) => l.includes('xoxb-probe-token') || l.includes('xoxb-revoked-token')),
    );
  } finally {
    if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
    await fake.close();
    await rm(root, { recursive: true, force: true });
  }
  const failed = checks.filter((c) => !c.ok);
  process.stdout.write(`\n${checks.length - failed.length}/${checks.length} checks passed\n`);
  process.exitCode = failed.length ? 1 : 0;
}

main().catch((err: unknown) => {
  process.stderr.write(`probe failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
