import { cp, mkdtemp, readFile, rm, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FIXTURES } from '../helpers.ts';
import { startFakeSlack, type FakeSlack } from '../slack/fake-slack.ts';
import { allText } from '../slack/harness.ts';
import { ALERT_CHANNELS, dropArticle, posts, serveHistory, startAlertBrief, type AlertBrief, type Dirs } from './alert-harness.ts';

const CONFIRMATION = '2025-07-11-ledger-halt-lasted-two-days.md';
let fake: FakeSlack;
let dirs: Dirs;
let running: AlertBrief | undefined;

beforeEach(async () => {
  fake = await startFakeSlack();
  serveHistory(fake);
  const root = await mkdtemp(path.join(os.tmpdir(), 'brief-story-alerts-'));
  const corpusDir = path.join(root, 'corpus');
  await cp(path.join(FIXTURES, 'corpus-briefing-story'), corpusDir, { recursive: true });
  await unlink(path.join(corpusDir, CONFIRMATION));
  dirs = { corpusDir, stateDir: path.join(root, 'state'), cleanup: () => rm(root, { recursive: true, force: true }) };
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
  await fake.close();
  await dirs.cleanup();
});

it('an alert for a later confirmation says which earlier claim it contradicts and which it confirms', async () => {
  running = await startAlertBrief(fake, dirs);
  await running.brief.alertsIdle();
  expect(posts(fake)).toEqual([]); // first start: nothing announced
  await dropArticle(dirs.corpusDir, CONFIRMATION, await readFile(path.join(FIXTURES, 'corpus-briefing-story', CONFIRMATION), 'utf8'));
  await fake.waitFor(() => posts(fake).length === ALERT_CHANNELS.length);
  for (const channel of ALERT_CHANNELS) {
    const [post] = posts(fake, channel);
    const text = allText(post!.body.blocks);
    expect(text).toContain(
      'New in the corpus: *<https://ledger.example/halt-lasted-two-days|Kessel inspection halt lasted two days, lawmaker says>*',
    );
    expect(text).toMatch(
      /\*Contradicts:\* <https:\/\/capital\.example\/ministry-denies\|Capital Times> · 4 Jun 2025: “The Transport Ministry denied reports/,
    );
    expect(text).toMatch(/\*Confirms:\* .* · 3 Jun 2025: “/);
    expect(String(post!.body.text)).toMatch(/contradicts: Capital Times, 4 Jun 2025/);
  }
});
