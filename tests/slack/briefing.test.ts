import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.ts';
import { BRIEFING_ACTIONS } from '../../src/slack/blocks/briefing-blocks.ts';
import { startBrief, type RunningBrief } from '../../src/start-brief.ts';
import { openState } from '../../src/state/open-state.ts';
import { BUNDLED_CORPUS, captureLogger } from '../helpers.ts';
import { createFakeClock, type FakeClock } from '../schedule/fake-clock.ts';
import { startFakeSlack, type FakeCall, type FakeSlack } from './fake-slack.ts';
import { allText, testConfig } from './harness.ts';
import { buttonBody, postSigned, slashCommandBody } from './slack-requests.ts';

let fake: FakeSlack;
let stateDir: string;
let corpusDir: string;
let running: RunningBrief[] = [];

beforeEach(async () => {
  fake = await startFakeSlack();
  stateDir = await mkdtemp(path.join(os.tmpdir(), 'brief-briefing-'));
  corpusDir = path.join(stateDir, 'corpus');
  await cp(BUNDLED_CORPUS, corpusDir, { recursive: true });
});
afterEach(async () => {
  for (const b of running) await b.stop();
  running = [];
  await fake.close();
  await rm(stateDir, { recursive: true, force: true });
});

async function start(clock: FakeClock, briefing?: Config['briefing']) {
  const { logger, lines } = captureLogger();
  const brief = await startBrief(testConfig(fake, { corpusDir, stateDir }, briefing ? { briefing } : {}), logger, {
    now: clock.now,
    timers: clock.timers,
  });
  running.push(brief);
  await brief.ready;
  const url = `http://127.0.0.1:${brief.port}/slack/events`;
  return {
    brief,
    logs: lines,
    command: (text: string, id: string) =>
      postSigned(url, slashCommandBody(text, fake.responseUrl(id)), 'application/x-www-form-urlencoded'),
    click: (id: string) =>
      postSigned(url, buttonBody(BRIEFING_ACTIONS.share, 'briefing', fake.responseUrl(id)), 'application/x-www-form-urlencoded'),
    async stop() {
      await brief.stop();
      running = running.filter((b) => b !== brief);
    },
  };
}

const replies = async (id: string, n = 1) =>
  (await fake.waitFor((calls) => calls.filter((c) => c.responseId === id).length >= n)).filter((c) => c.responseId === id);
const posts = (): FakeCall[] => fake.callsTo('chat.postMessage');
async function until(predicate: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
const briefingsIn = async (place: string) => {
  const state = await openState({ stateDir }, captureLogger().logger);
  try {
    return await state.briefings.read(place);
  } finally {
    await state.close();
  }
};
const slotStatus = async (iso: string) => {
  const state = await openState({ stateDir }, captureLogger().logger);
  try {
    return (await state.slots.get(new Date(iso)))?.status;
  } finally {
    await state.close();
  }
};

describe('/brief briefing', () => {
  it('answers privately with the briefing and a Share button, without moving the channel watermark', async () => {
    const t = await start(createFakeClock('2025-03-04T07:00:00Z'));
    expect((await t.command('briefing', 'b1')).status).toBe(200);
    const [reply] = await replies('b1');
    expect(reply!.body.response_type).toBe('ephemeral');
    const text = allText(reply!.body.blocks);
    expect(text).toMatch(/Briefing: US pause of offensive cyber operations against Russia/);
    expect(text).toMatch(/As of 4 Mar 2025, 07:00 UTC\. Rests on 2 articles/);
    expect(text).toMatch(/First briefing here/);
    expect(text).toMatch(/\*Who ordered the pause:\* .*Hegseth/);
    expect(text).toMatch(/\*28 Feb 2025\* — This decision/);
    // Issue 13: one line per event (the 3 Mar report, marked first), not one "article:" line per file.
    expect(text).toMatch(/\*3 Mar 2025\* — Pentagon Halts .*First report/);
    expect(text).not.toMatch(/article: /);
    expect(allText(reply!.body.blocks)).toContain(BRIEFING_ACTIONS.share);
    expect(await t.brief.state.briefings.read('C0DESK')).toEqual([]);
  });

  it('shares in the channel, keeps it as the previous briefing, then says nothing is new', async () => {
    const clock = createFakeClock('2025-03-04T07:00:00Z');
    const t = await start(clock);
    await t.click('s1');
    const [shared] = await replies('s1');
    expect(shared!.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(allText(shared!.body.blocks)).toMatch(/<@U0ALICE> shared this briefing from Brief/);
    await until(async () => (await t.brief.state.briefings.read('C0DESK')).length > 0);

    await clock.advanceTo('2025-03-04T09:30:00Z');
    await t.command('briefing last', 'l1');
    const last = allText((await replies('l1'))[0]!.body.blocks);
    expect(last).toMatch(/previous briefing in this channel, as posted 4 Mar 2025, 07:00 UTC/);
    expect(last).toMatch(/Hegseth/);
    expect(last).not.toContain(BRIEFING_ACTIONS.share);

    await t.command('briefing', 'b2');
    expect(allText((await replies('b2'))[0]!.body.blocks)).toMatch(/Nothing new since the last briefing \(4 Mar 2025, 07:00 UTC\)\./);
  });

  it('shows a new article as new since the last briefing after it is added (and a restart)', async () => {
    const clock = createFakeClock('2025-03-04T07:00:00Z');
    const first = await start(clock);
    await first.click('s1');
    await replies('s1');
    await first.stop(); // stop() waits for the share to be recorded
    await writeFile(
      path.join(corpusDir, 'schumer.md'),
      '---\ntitle: Schumer Calls Pause A Gift & <!channel>\nsource: The Record\npublished: 2025-03-05\nurl: https://example.com/schumer\n---\n\nSenate Minority Leader Chuck Schumer said on Tuesday the pause was a gift to Putin.\n',
    );
    await clock.advanceTo('2025-03-05T08:00:00Z');
    const second = await start(clock);
    await second.command('briefing', 'b3');
    const text = allText((await replies('b3'))[0]!.body.blocks);
    expect(text).toMatch(
      /\*New since the last briefing \(4 Mar 2025, 07:00 UTC\)\*\n• New article: <https:\/\/example\.com\/schumer\|Schumer Calls Pause A Gift &amp; &lt;!channel&gt;> · The Record · 5 Mar 2025/,
    );
    expect(text).toMatch(/\*4 Mar 2025\* — Senate Minority Leader Chuck Schumer said on Tuesday/);
    expect(text).toMatch(/Rests on 3 articles from 1 outlet \(The Record\); outlet unknown for 2/);
  });

  it('says when there is no previous briefing, and what it takes', async () => {
    const t = await start(createFakeClock('2025-03-04T07:00:00Z'));
    await t.command('briefing last', 'n1');
    expect((await replies('n1'))[0]!.body.text).toMatch(/No briefing has been posted in this channel yet/);
    await t.command('briefing yesterday', 'n2');
    expect((await replies('n2'))[0]!.body.text).toMatch(/takes no `yesterday`/);
    await t.command('help', 'h1');
    expect(allText((await replies('h1'))[0]!.body.blocks)).toMatch(/`\/brief briefing \[last\]`/);
  });
});

describe('scheduled briefings', () => {
  const schedule: Config['briefing'] = {
    timeZone: 'America/New_York',
    schedule: { cron: '0 7 * * *', channel: 'C0ONCALL', mention: 'S0ONCALL' },
  };

  it('posts at 07:00 New York time across the DST change, pings the on-call group, and catches up once after downtime', async () => {
    const clock = createFakeClock('2025-03-08T11:00:00Z');
    const first = await start(clock, schedule);
    await clock.advanceTo('2025-03-08T12:00:00Z'); // 07:00 EST
    await until(() => posts().length === 1);
    const [post] = posts();
    // The Web API client sends form fields, so booleans arrive as strings.
    expect(post!.body).toMatchObject({ channel: 'C0ONCALL', unfurl_links: 'false', unfurl_media: 'false' });
    expect(String(post!.body.text)).toMatch(/^<!subteam\^S0ONCALL> Briefing: US pause/);
    expect(allText(post!.body.blocks)).toMatch(/As of 8 Mar 2025, 07:00 EST/);
    await until(() => clock.pending().some((p) => p.at === '2025-03-09T11:00:00.000Z'));
    await clock.advanceTo('2025-03-09T11:00:00Z'); // 07:00 EDT
    await until(() => posts().length === 2);
    expect(allText(posts()[1]!.body.blocks)).toMatch(/As of 9 Mar 2025, 07:00 EDT/);
    expect(allText(posts()[1]!.body.blocks)).toMatch(/Nothing new since the last briefing \(8 Mar 2025, 07:00 EST\)/);
    await until(async () => (await slotStatus('2025-03-09T11:00:00Z')) === 'posted');
    await first.stop();

    // Down through the slots of 10 and 11 March; back at 15:00 UTC on the 11th.
    await clock.advanceTo('2025-03-11T15:00:00Z');
    const second = await start(clock, schedule);
    await until(() => posts().length === 3);
    expect(allText(posts()[2]!.body.blocks)).toMatch(/Catch-up: the briefing due 11 Mar 2025, 07:00 EDT was missed while Brief was down\./);
    await second.stop();
    const third = await start(clock, schedule);
    // Started (its catch-up decided), then stopped (any post it began finished): all it will ever post is in.
    expect(third.logs.some((l) => l.msg === 'briefing schedule started')).toBe(true);
    await third.stop();
    expect(posts()).toHaveLength(3);
  });

  it('posts what is wrong with a malformed standing-questions.json in words, without the server path or schema paths (item 10)', async () => {
    await writeFile(
      path.join(corpusDir, 'standing-questions.json'),
      JSON.stringify({ questions: [{ id: 'Who Ordered', label: 'x', ask: 'who ordered the pause' }] }),
    );
    const clock = createFakeClock('2025-03-08T11:00:00Z');
    const t = await start(clock, schedule);
    await clock.advanceTo('2025-03-08T12:00:00Z');
    await until(() => posts().length === 1);
    const text = allText(posts()[0]!.body);
    expect(text).toMatch(
      /Key points unavailable: standing-questions\.json has a problem: question 1 \(id\): id must be lower-case letters/,
    );
    expect(text).toMatch(/Whoever runs Brief can fix the file beside the corpus/);
    expect(text).not.toContain(corpusDir);
    expect(text).not.toMatch(/questions\.0/);
    // The details are in the log.
    expect(
      t.logs.some(
        (l) =>
          l.msg === 'standing questions unreadable; briefing shows the problem instead of key points' &&
          String(l.err).includes(path.join(corpusDir, 'standing-questions.json')),
      ),
    ).toBe(true);
    await writeFile(path.join(corpusDir, 'standing-questions.json'), '{ not json');
    await t.command('briefing', 'sq-json');
    const reply = allText((await replies('sq-json'))[0]!.body);
    expect(reply).toMatch(/standing-questions\.json is not valid JSON \(check its quotes, commas and brackets\)/);
    expect(reply).not.toContain(corpusDir);
  });

  it('does not post again when Slack’s answer was lost (HTTP 500), not on retry, not on restart', async () => {
    let attempts = 0;
    fake.script('chat.postMessage', () => {
      attempts += 1;
      return { status: 500, body: { ok: false } };
    });
    const clock = createFakeClock('2025-03-08T11:00:00Z');
    const first = await start(clock, schedule);
    await clock.advanceTo('2025-03-08T12:00:00Z');
    await until(async () => (await slotStatus('2025-03-08T12:00:00Z')) === 'unknown');
    expect(attempts).toBe(1);
    await first.stop();
    const second = await start(clock, schedule);
    // Started (its catch-up decided), then stopped (any post it began finished): all it will ever try is in.
    expect(second.logs.some((l) => l.msg === 'briefing schedule started')).toBe(true);
    await second.stop();
    expect(attempts).toBe(1);
    expect(await briefingsIn('C0ONCALL')).toEqual([]);
  });
});
