import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HOME_ACTIONS } from '../../src/slack/blocks/home-blocks.ts';
import { BLOCK_LIMITS } from '../../src/slack/blocks/limits.ts';
import { BUNDLED_CORPUS, tempCorpusCopy } from '../helpers.ts';
import type { FakeCall } from './fake-slack.ts';
import { allText, startTestBrief, type TestBrief } from './harness.ts';
import { slashCommandBody, postSigned } from './slack-requests.ts';

let t: TestBrief | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

const HOME_OPENED = { type: 'app_home_opened', user: 'U0ALICE', channel: 'D0ALICE', tab: 'home', ts: '1700000000.000100' };
const publishes = () => t!.fake.callsTo('views.publish');
const viewOf = (call: FakeCall) => call.body.view as { type: string; blocks: { type: string; elements?: { action_id?: string }[] }[] };

async function watch(question: string, channel: string, user = 'U0ALICE') {
  const responseUrl = t!.fake.responseUrl();
  await postSigned(
    t!.url,
    slashCommandBody(`watch ${question}`, responseUrl, { channel_id: channel, user_id: user }),
    'application/x-www-form-urlencoded',
  );
  await t!.fake.waitFor((calls) => calls.some((c) => c.method === 'response_url' && responseUrl.endsWith(`/${c.responseId}`)));
}

describe('the Home tab', () => {
  it('publishes the story status, newest articles, the watches of the user’s channels only, and the two buttons', async () => {
    const corpusDir = await tempCorpusCopy(BUNDLED_CORPUS);
    await writeFile(
      path.join(corpusDir, 'evil.md'),
      '---\ntitle: <!channel> Pause & <https://evil.example|click>\nsource: <!here> Wire\npublished: 2025-03-05\nurl: https://example.com/evil\n---\n\nHegseth ordered the pause, a wire said on Tuesday.\n',
    );
    t = await startTestBrief({ corpusDir, now: () => new Date('2025-03-06T07:00:00Z') });
    t.fake.script('users.conversations', () => ({
      body: { ok: true, channels: [{ id: 'C0DESK' }], response_metadata: { next_cursor: '' } },
    }));
    await watch('how long will the pause last', 'C0DESK');
    await watch('who criticised the pause', 'C0OTHER', 'U0BOB');
    expect((await t.event(HOME_OPENED, 'Ev1')).status).toBe(200);
    const [call] = await t.fake.waitFor(() => publishes().length === 1).then(publishes);
    expect(call!.body.user_id).toBe('U0ALICE');
    const view = viewOf(call!);
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeLessThanOrEqual(BLOCK_LIMITS.blocksPerMessage);
    const text = allText(view.blocks);
    expect(text).toMatch(/Brief: US pause of offensive cyber operations against Russia/);
    expect(text).toMatch(
      /\*Story status:\* 3 articles from 1 outlet\nNewest: 5 Mar 2025: <https:\/\/example\.com\/evil\|&lt;!channel&gt; Pause &amp; &lt;https:\/\/evil\.example¦click&gt;> · &lt;!here&gt; Wire/,
    );
    expect(text).toMatch(/\*Newest articles\*\n• <https:\/\/example\.com\/evil/);
    expect(text).toMatch(/No briefing yet/);
    expect(text).toMatch(/\*Watches in your channels\*\n• <#C0DESK> #1: _how long will the pause last_/);
    expect(text).not.toMatch(/C0OTHER|who criticised/);
    expect(text).not.toMatch(/<!channel>|<!here>|<https:\/\/evil/);
    const buttons = view.blocks.find((b) => b.type === 'actions')?.elements?.map((e) => e.action_id);
    expect(buttons).toEqual([HOME_ACTIONS.briefing, HOME_ACTIONS.help]);
  });

  it('Fresh briefing sends the briefing to the user’s messages with Brief, records it, and the tab then shows its key points', async () => {
    t = await startTestBrief({ now: () => new Date('2025-03-04T07:00:00Z') });
    await t.click(HOME_ACTIONS.briefing, 'briefing');
    await t.fake.waitFor((calls) => calls.some((c) => c.method === 'views.publish'));
    const [post] = t.fake.callsTo('chat.postMessage');
    expect(post!.body.channel).toBe('U0ALICE');
    expect(allText(post!.body.blocks)).toMatch(/Briefing: US pause of offensive cyber operations against Russia/);
    const text = allText(viewOf(publishes()[0]!).blocks);
    expect(text).toMatch(/\*Key points\* _\(from the briefing of 4 Mar 2025, 07:00 UTC\)_/);
    expect(text).toMatch(/• \*Who ordered the pause:\* .*Hegseth/);
    expect(text).toMatch(/None of your channels watches a question/);
    // Opening the tab later shows the same briefing, read back from the state folder.
    await t.event(HOME_OPENED, 'Ev2');
    await t.fake.waitFor(() => publishes().length === 2);
    expect(allText(viewOf(publishes()[1]!).blocks)).toMatch(/Who ordered the pause:\* .*Hegseth/);
    expect(t.logs.some((l) => l.msg === 'fresh briefing sent from the home tab' && l.user === 'U0ALICE')).toBe(true);
  });

  it('Help sends the help to the user; without the scope to list channels, shows the watches the user added', async () => {
    t = await startTestBrief();
    t.fake.script('users.conversations', () => ({ body: { ok: false, error: 'missing_scope' } }));
    await watch('how long will the pause last', 'C0DESK');
    await t.click(HOME_ACTIONS.help, 'help');
    const [help] = (await t.fake.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage'))).filter(
      (c) => c.method === 'chat.postMessage',
    );
    expect(help!.body.channel).toBe('U0ALICE');
    expect(allText(help!.body.blocks)).toMatch(/`\/brief briefing \[last\]`/);
    await t.event(HOME_OPENED, 'Ev3');
    await t.fake.waitFor(() => publishes().length === 1);
    expect(allText(viewOf(publishes()[0]!).blocks)).toMatch(/<#C0DESK> #1: _how long will the pause last_/);
    expect(t.logs.some((l) => l.msg === 'could not list the user’s channels; showing the watches they added')).toBe(true);
  });

  it('ignores the Messages tab, and a retried delivery publishes once', async () => {
    t = await startTestBrief();
    await t.event({ ...HOME_OPENED, tab: 'messages' }, 'Ev4');
    await t.event(HOME_OPENED, 'Ev5');
    await t.event(HOME_OPENED, 'Ev5', { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    await t.fake.waitFor(() => publishes().length >= 1);
    const { fake, stateDir } = t;
    await t.brief.stop(); // waits for work in flight
    t = undefined;
    expect(fake.callsTo('views.publish')).toHaveLength(1);
    await fake.close();
    await rm(stateDir, { recursive: true, force: true });
  });
});
