import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/slack/blocks/answer-blocks.ts';
import { BLOCK_LIMITS } from '../../src/slack/blocks/limits.ts';
import { allText, startTestBrief, type TestBrief } from './harness.ts';
import { eventBody, postSigned, slashCommandBody } from './slack-requests.ts';

let t: TestBrief;
beforeAll(async () => {
  t = await startTestBrief();
});
afterAll(async () => {
  await t.stop();
});

type Block = { type: string; text?: { text: string }; elements?: { action_id?: string; value?: string; text?: unknown }[] };
const responseFor = async (id: string) =>
  (await t.fake.waitFor((calls) => calls.some((c) => c.responseId === id))).find((c) => c.responseId === id)!;

describe('/brief <question>', () => {
  it('acks at once, then answers privately with the sentence, cited passages and buttons', async () => {
    const sent = await t.command('who ordered the pause', 'q1');
    expect(sent.status).toBe(200);
    expect(sent.body).toBe('');
    const reply = await responseFor('q1');
    expect(reply.body.response_type).toBe('ephemeral');
    const blocks = reply.body.blocks as Block[];
    // Slack does not echo an ephemeral slash command: the question comes first, then the answer sentence.
    expect(allText(blocks[0])).toMatch(/You asked:\* _who ordered the pause_/);
    const lead = blocks.find((b) => b.type === 'section');
    expect(lead?.text?.text).toMatch(/\*Hegseth\*|\*Pete\*|Hegseth/);
    expect(lead?.text?.text).toMatch(/\*[A-Za-z]+\*/);
    const passages = blocks.filter((b) => b.type === 'section' && /^\*1\. |^\*2\. |^\*3\. /.test(b.text?.text ?? ''));
    expect(passages).toHaveLength(3);
    expect(allText(blocks)).toMatch(/outlet unknown · 3 Mar 2025/);
    expect(allText(blocks)).toMatch(/Corpus: 2 articles, newest article 3 Mar 2025 · reloaded/);
    const actions = blocks.find((b) => b.type === 'actions');
    expect(actions?.elements?.map((e) => e.action_id)).toEqual([ACTIONS.share, ACTIONS.more, ACTIONS.feedbackUp, ACTIONS.feedbackDown]);
    expect(reply.body.text).toMatch(/Hegseth/);
  });

  it('gives help for an empty command and for "help"', async () => {
    await t.command('', 'h1');
    await t.command('help', 'h2');
    for (const id of ['h1', 'h2']) expect(allText((await responseFor(id)).body.blocks)).toMatch(/\/brief who ordered the pause/);
  });

  it('says plainly when nothing answers, and still offers the closest passages', async () => {
    await t.command('what is the capital of Russia', 'n1');
    const text = allText((await responseFor('n1')).body.blocks);
    expect(text).toMatch(/Nothing in the corpus answers that clearly/);
    expect(text).toMatch(/\*1\. /);
  });

  it.each([
    ['--verbose', /no option `--verbose`/],
    ['frobnicate', /no command `frobnicate`/],
    ['?!?!', /Ask a question about the story/],
    ['what is the', /no words Brief can search for/],
    ['x'.repeat(10_000), /no command|Nothing in the corpus/],
    ['&lt;!channel&gt; who ordered the pause', /Hegseth/],
  ])('answers odd input #%# helpfully', async (text, expected) => {
    const id = `odd-${text.length}-${text.slice(0, 3).replace(/\W/g, '')}`;
    const sent = await t.command(text, id);
    expect(sent.status).toBe(200);
    const body = (await responseFor(id)).body;
    expect(allText(body)).toMatch(expected);
    expect(allText(body)).not.toMatch(/<!channel>|Error:|at .*\.ts:\d+/);
  });

  it('logs one structured line per request without tokens', async () => {
    await t.command('what did Schumer say', 'log1');
    await responseFor('log1');
    const line = t.logs.find((l) => l.msg === 'request' && l.kind === 'command' && l.user === 'U0ALICE' && l.confident === true);
    expect(line).toMatchObject({ channel: 'C0DESK', results: expect.any(Number) });
    expect(line?.ms).toEqual(expect.any(Number));
    expect(JSON.stringify(t.logs)).not.toContain('xoxb-test-token');
    expect(JSON.stringify(t.logs)).not.toContain('test-signing-secret');
  });
});

describe('buttons', () => {
  const buttonValueOf = async (question: string, id: string, action: string) => {
    await t.command(question, id);
    const blocks = (await responseFor(id)).body.blocks as Block[];
    return blocks.find((b) => b.type === 'actions')!.elements!.find((e) => e.action_id === action)!.value!;
  };

  it('Share in channel posts the same answer in the channel, saying who shared it', async () => {
    const value = await buttonValueOf('who ordered the pause', 'b1', ACTIONS.share);
    expect((await t.click(ACTIONS.share, value, 'b1-share')).status).toBe(200);
    const shared = (await responseFor('b1-share')).body;
    expect(shared.response_type).toBe('in_channel');
    expect(shared.replace_original).toBe(false);
    expect(allText(shared.blocks)).toMatch(/<@U0ALICE> shared an answer/);
    expect(allText(shared.blocks)).toMatch(/Hegseth/);
    expect((shared.blocks as Block[]).some((b) => b.type === 'actions')).toBe(false);
  });

  it('More results adds the next passages in place, keeping the answer and the first ones (item 8)', async () => {
    await t.command('cyber operations Russia', 'b2');
    const first = (await responseFor('b2')).body;
    const lead = (first.blocks as Block[]).find((b) => b.type === 'section')!.text!.text;
    const value = (first.blocks as Block[]).find((b) => b.type === 'actions')!.elements!.find((e) => e.action_id === ACTIONS.more)!.value!;
    await t.click(ACTIONS.more, value, 'b2-more');
    const more = (await responseFor('b2-more')).body;
    expect(more.replace_original).toBe(true);
    expect(allText(more.blocks)).toMatch(/\*4\. /);
    expect(allText(more.blocks)).toMatch(/\*1\. /);
    expect(allText(more.blocks)).toContain(lead);
    expect(allText(more.blocks)).toMatch(/You asked:\* _cyber operations Russia_/);

    // Share on that page posts what the page shows: the answer and all six passages.
    const share = (more.blocks as Block[]).find((b) => b.type === 'actions')!.elements!.find((e) => e.action_id === ACTIONS.share)!.value!;
    await t.click(ACTIONS.share, share, 'b2-share');
    const shared = allText((await responseFor('b2-share')).body.blocks);
    expect(shared).toContain(lead);
    for (const n of [1, 4, 6]) expect(shared).toMatch(new RegExp(`\\*${n}\\. `));
  });

  it('👍 / 👎 are recorded with question and answer, and acknowledged', async () => {
    const value = await buttonValueOf('who ordered the pause', 'b3', ACTIONS.feedbackDown);
    await t.click(ACTIONS.feedbackDown, value, 'b3-down');
    expect(allText((await responseFor('b3-down')).body)).toMatch(/Recorded 👎/);
    const lines = await t.brief.state.feedback.all();
    expect(lines.at(-1)).toMatchObject({
      vote: 'down',
      user: 'U0ALICE',
      question: 'who ordered the pause',
      answer: expect.stringMatching(/Hegseth/),
    });
  });
});

describe('mentions and direct messages', () => {
  it('answers an @-mention in its thread', async () => {
    const before = t.fake.callsTo('chat.postMessage').length;
    const sent = await t.event(
      { type: 'app_mention', user: 'U0BOB', text: '<@UBRIEF> who ordered the pause?', ts: '1700000100.000200', channel: 'C0DESK' },
      'Ev-mention-1',
    );
    expect(sent.status).toBe(200);
    await t.fake.waitFor(() => t.fake.callsTo('chat.postMessage').length > before);
    const post = t.fake.callsTo('chat.postMessage').at(-1)!;
    expect(post.body).toMatchObject({ channel: 'C0DESK', thread_ts: '1700000100.000200' });
    expect(allText(post.body.blocks)).toMatch(/Hegseth/);
    expect(String(post.body.unfurl_links)).toBe('false');
  });

  it('answers a direct message in the DM, and ignores bots', async () => {
    await t.event(
      { type: 'message', channel_type: 'im', channel: 'D0BOB', user: 'U0BOB', text: 'what did Schumer say', ts: '1700000200.000100' },
      'Ev-dm-1',
    );
    await t.fake.waitFor(() => t.fake.callsTo('chat.postMessage').some((c) => c.body.channel === 'D0BOB'));
    const post = t.fake.callsTo('chat.postMessage').find((c) => c.body.channel === 'D0BOB')!;
    expect(post.body.thread_ts).toBeUndefined();
    expect(allText(post.body.blocks)).toMatch(/Schumer/);

    await t.event(
      {
        type: 'message',
        channel_type: 'im',
        channel: 'D0BOT',
        bot_id: 'B0OTHER',
        subtype: 'bot_message',
        text: 'who ordered the pause',
        ts: '1700000201.000100',
      },
      'Ev-dm-bot',
    );
    await t.event(
      { type: 'message', channel_type: 'im', channel: 'D0SELF', user: 'UBRIEF', text: 'who ordered the pause', ts: '1700000202.000100' },
      'Ev-dm-self',
    );
    // A later message proves the earlier two were processed (and ignored), not just slow.
    await t.event(
      { type: 'message', channel_type: 'im', channel: 'D0LAST', user: 'U0BOB', text: 'who ordered the pause', ts: '1700000203.000100' },
      'Ev-dm-last',
    );
    await t.fake.waitFor(() => t.fake.callsTo('chat.postMessage').some((c) => c.body.channel === 'D0LAST'));
    expect(t.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'D0BOT' || c.body.channel === 'D0SELF')).toEqual([]);
  });

  it('never answers a redelivered event twice', async () => {
    const event = {
      type: 'app_mention',
      user: 'U0BOB',
      text: '<@UBRIEF> what is the coalition of the willing',
      ts: '1700000300.000100',
      channel: 'C0RETRY',
    };
    await t.event(event, 'Ev-retry-1');
    await t.event(event, 'Ev-retry-1', { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    await t.event(event, 'Ev-retry-1', { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' });
    await t.event({ ...event, channel: 'C0AFTER', ts: '1700000301.000100' }, 'Ev-retry-2');
    await t.fake.waitFor(() => t.fake.callsTo('chat.postMessage').some((c) => c.body.channel === 'C0AFTER'));
    expect(t.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0RETRY')).toHaveLength(1);
    expect(t.logs.some((l) => l.msg === 'duplicate event ignored' && l.retryNum === 2)).toBe(true);
  });
});

describe('request verification stays on', () => {
  it('rejects a bad signature with 401 and runs nothing', async () => {
    // A bot of its own, stopped before the check: stop() waits for every answer in flight, so
    // whatever a forged request had started has reached the fake Slack by then.
    const own = await startTestBrief();
    const before = own.fake.calls.length;
    const body = slashCommandBody('who ordered the pause', own.fake.responseUrl('forged'));
    expect((await postSigned(own.url, body, 'application/x-www-form-urlencoded', {}, { secret: 'wrong' })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await postSigned(own.url, body, 'application/x-www-form-urlencoded', {}, { timestamp: stale })).status).toBe(401);
    const event = eventBody({ type: 'app_mention', user: 'U0BOB', text: 'hi', ts: '1.1', channel: 'C0X' }, 'Ev-forged');
    expect((await postSigned(own.url, event, 'application/json', {}, { secret: 'wrong' })).status).toBe(401);
    await own.stop();
    expect(own.fake.calls.slice(before)).toEqual([]);
  });
});

describe('under load', () => {
  it("acks 40 concurrent commands within Slack's 3 s and answers them all", async () => {
    const sent = await Promise.all(Array.from({ length: 40 }, (_, i) => t.command(`who ordered the pause ${i}`, `load-${i}`)));
    expect(sent.every((s) => s.status === 200)).toBe(true);
    // Slack's own deadline, not a benchmark: an ack later than 3 s is an error the user sees.
    expect(Math.max(...sent.map((s) => s.ms))).toBeLessThan(3000);
    await t.fake.waitFor((calls) => calls.filter((c) => c.responseId?.startsWith('load-')).length === 40, 10_000);
  });
});

describe('a corpus that tries to ping everyone', () => {
  let hostile: TestBrief;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'brief-hostile-'));
    await writeFile(
      path.join(dir, 'evil.md'),
      [
        '---',
        'title: "Alert <!channel> read <@U0BOSS> now"',
        'source: "<!here> Times"',
        'url: https://example.com/a?x=1&y=<2>',
        '---',
        '',
        'Pipeline sabotage story: <!channel> <!here> <@U0BOSS> see <https://evil.example|totally safe link> & more > less.',
      ].join('\n'),
    );
    hostile = await startTestBrief({ corpusDir: dir });
  });
  afterAll(async () => {
    await hostile.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('escapes every corpus and user string', async () => {
    await hostile.command('<!channel> pipeline sabotage story', 'evil1');
    const reply = (await hostile.fake.waitFor((c) => c.some((x) => x.responseId === 'evil1'))).find((x) => x.responseId === 'evil1')!;
    const text = allText(reply.body);
    expect(text).not.toMatch(/<!channel>|<!here>|<@U0BOSS>|<https:\/\/evil/);
    expect(text).toMatch(/&lt;!channel&gt;/);
    expect(text).toMatch(/&amp; more &gt; less/);
  });
});

describe('Block Kit limits hold on real answers', () => {
  it('keeps every section within the limit', async () => {
    await t.command('cyber', 'lim1');
    const blocks = (await responseFor('lim1')).body.blocks as Block[];
    expect(blocks.length).toBeLessThanOrEqual(BLOCK_LIMITS.blocksPerMessage);
    for (const b of blocks) if (b.type === 'section') expect(b.text!.text.length).toBeLessThanOrEqual(BLOCK_LIMITS.sectionText);
  });
});
