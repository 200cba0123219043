/** Issue 15 through the real bot over HTTP: help and footers escaped, padded questions, watches, DM subcommands. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOCK_LIMITS } from '../../src/slack/blocks/limits.ts';
import { allText, startTestBrief, type TestBrief } from './harness.ts';
import { strayAngles } from './markup.ts';

let t: TestBrief;
beforeAll(async () => {
  t = await startTestBrief();
});
afterAll(async () => {
  await t.stop();
});

type Block = { type: string; elements?: { action_id?: string; value?: string }[] };
const responseFor = async (id: string) =>
  (await t.fake.waitFor((calls) => calls.some((c) => c.responseId === id))).find((c) => c.responseId === id)!;
const dmPost = async (channel: string) =>
  (await t.fake.waitFor(() => t.fake.callsTo('chat.postMessage').some((c) => c.body.channel === channel))).find(
    (c) => c.method === 'chat.postMessage' && c.body.channel === channel,
  )!;

describe('no stray <…> in anything Brief says (item 5)', () => {
  it('escapes <question> and <n> in /brief help, empty /brief, watches and the watch limits', async () => {
    await t.command('help', 'esc-help');
    await t.command('', 'esc-empty');
    await t.command('watches', 'esc-none');
    for (const id of ['esc-help', 'esc-empty', 'esc-none']) {
      const body = (await responseFor(id)).body;
      expect(strayAngles(allText(body))).toEqual([]);
    }
    expect(allText((await responseFor('esc-help')).body)).toContain('/brief &lt;question&gt;');
    expect(allText((await responseFor('esc-none')).body)).toContain('/brief watch &lt;question&gt;');
    await t.command('watch what did Schumer say', 'esc-add');
    await responseFor('esc-add');
    await t.command('watches', 'esc-list');
    const list = allText((await responseFor('esc-list')).body);
    expect(list).toContain('/brief unwatch &lt;n&gt;');
    expect(strayAngles(list)).toEqual([]);
  });

  it('escapes the help an empty mention and a "help" DM get', async () => {
    await t.event({ type: 'app_mention', user: 'U0BOB', text: '<@UBRIEF>', ts: '1700001000.000100', channel: 'C0HELP' }, 'Ev-help-mention');
    await t.event(
      { type: 'message', channel_type: 'im', channel: 'D0HELP', user: 'U0BOB', text: 'help', ts: '1700001001.000100' },
      'Ev-help-dm',
    );
    for (const channel of ['C0HELP', 'D0HELP']) {
      const text = allText((await dmPost(channel)).body);
      expect(text).toContain('/brief &lt;question&gt;');
      expect(strayAngles(text)).toEqual([]);
    }
  });
});

describe('padded questions (item 4)', () => {
  it.each([['"'], ['\\']])('keeps every button value under 2,000 characters for a question padded with 1,500 %s', async (pad) => {
    const id = `pad-${pad === '"' ? 'quote' : 'backslash'}`;
    await t.command(`who ordered the pause ${pad.repeat(1500)}`, id);
    const blocks = (await responseFor(id)).body.blocks as Block[];
    const values = blocks.find((b) => b.type === 'actions')!.elements!.map((e) => e.value!);
    expect(values.length).toBeGreaterThan(0);
    for (const v of values) expect(v.length).toBeLessThanOrEqual(BLOCK_LIMITS.buttonValue);
    const share = blocks.find((b) => b.type === 'actions')!.elements!.find((e) => e.action_id === 'brief_share')!.value!;
    await t.click('brief_share', share, `${id}-share`);
    expect(allText((await responseFor(`${id}-share`)).body)).toMatch(/Hegseth/);
  });
});

describe('watches (item 9)', () => {
  it('says whether the corpus already answers a new watch, and refuses the same question twice', async () => {
    await t.command('watch who ordered the pause', 'wa1');
    const added = String((await responseFor('wa1')).body.text);
    expect(added).toMatch(/Watching #\d+/);
    expect(added).toMatch(/already answers it: “.*Hegseth.*”/);
    await t.command('watch Who ordered the *pause*?', 'wa2');
    const again = String((await responseFor('wa2')).body.text);
    expect(again).toMatch(/already watches that question as #\d+/);
    await t.command('watch what is the capital of Peru', 'wa3');
    expect(String((await responseFor('wa3')).body.text)).toMatch(/Nothing in the corpus answers it clearly yet/);
    await t.command('watches', 'wa4');
    expect(allText((await responseFor('wa4')).body).match(/who ordered the pause/gi)).toHaveLength(2); // fallback text and the block: one watch
  });
});

describe('subcommands in a DM (item 14)', () => {
  it('runs "briefing" and "watches" in a DM instead of searching for the word', async () => {
    await t.event(
      { type: 'message', channel_type: 'im', channel: 'D0SUB', user: 'U0BOB', text: 'briefing', ts: '1700002000.000100' },
      'Ev-dm-briefing',
    );
    const post = await dmPost('D0SUB');
    expect(allText(post.body)).toMatch(/Briefing:/);
    expect(allText(post.body)).not.toMatch(/no command|Nothing in the corpus/);
    await t.event(
      { type: 'message', channel_type: 'im', channel: 'D0SUB2', user: 'U0BOB', text: 'watches', ts: '1700002001.000100' },
      'Ev-dm-watches',
    );
    expect(allText((await dmPost('D0SUB2')).body)).toMatch(/No questions are watched in this channel/);
  });
});

describe('a typed & is escaped once, never shown as "&amp;" (item 14)', () => {
  it.each([
    ['--AT&amp;T', /no option `--AT&amp;T`/],
    ['briefing AT&amp;T', /takes no `AT&amp;T`/],
    ['AT&amp;Tzq', /no command `AT&amp;Tzq` and the corpus does not mention it/],
    ['what did AT&amp;T zzqq say', /You asked:\* _what did AT&amp;T zzqq say_/],
  ])('%s', async (typed, expected) => {
    const id = `amp-${typed.replace(/\W/g, '')}`;
    await t.command(typed, id);
    const text = allText((await responseFor(id)).body);
    expect(text).toMatch(expected);
    expect(text).not.toContain('&amp;amp;');
  });
});
