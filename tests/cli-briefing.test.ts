import { mkdir, mkdtemp, rm, writeFile, cp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBriefing } from '../src/cli/briefing.ts';
import type { CliIo } from '../src/cli/io.ts';
import { openState } from '../src/state/open-state.ts';
import { BUNDLED_CORPUS, captureLogger, ROOT, runCli } from './helpers.ts';

let stateDir: string;
const terminalBriefings = async () => {
  const state = await openState({ stateDir }, captureLogger().logger);
  try {
    return await state.briefings.read('terminal');
  } finally {
    await state.close();
  }
};
beforeEach(async () => {
  stateDir = await mkdtemp(path.join(os.tmpdir(), 'brief-cli-state-'));
});
afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

const at = (iso: string) => (args: string[], io: CliIo) => runBriefing(args, io, () => new Date(iso));

describe('npm run briefing', () => {
  it('prints the header, key points naming Hegseth, and a timeline dating both articles', async () => {
    const run = await runCli(at('2025-03-04T07:00:00Z'), ['--corpus', BUNDLED_CORPUS, '--state', stateDir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Briefing: US pause of offensive cyber operations against Russia\nAs of 4 Mar 2025, 07:00 UTC\. Rests on 2 articles \(outlet unknown for 2\)\./,
    );
    expect(run.stdout).toMatch(/First briefing here/);
    expect(run.stdout).toMatch(/• Who ordered the pause: .*Hegseth/);
    expect(run.stdout).toMatch(/^28 Feb 2025 +This decision was made .* on Friday/m);
    expect(run.stdout).toMatch(/“Friday”, counted back from the article’s date; source: Pentagon Halts/);
    // Issue 13: the timeline is events, not one "article:" line per file; an article's report is an
    // event on its day (here the story's first report), and an undated article adds no dateless line.
    expect(run.stdout).toMatch(
      /^3 Mar 2025 +Pentagon Halts U\.S\. Cyber Offensive Attacks.*\n +— First report · source: outlet unknown · 3 Mar 2025/m,
    );
    expect(run.stdout).not.toMatch(/article:|^date unknown/m);
  });

  it('says "nothing new" the second time, and what is new after an article is added', async () => {
    const corpus = path.join(stateDir, 'corpus');
    await cp(BUNDLED_CORPUS, corpus, { recursive: true });
    const args = ['--corpus', corpus, '--state', stateDir];
    await runCli(at('2025-03-04T07:00:00Z'), args);
    expect((await runCli(at('2025-03-05T07:00:00Z'), args)).stdout).toMatch(
      /Nothing new since the last briefing \(4 Mar 2025, 07:00 UTC\)\./,
    );
    await writeFile(
      path.join(corpus, 'schumer.md'),
      '---\ntitle: Schumer Calls Cyber Pause A Gift To Putin\nsource: The Record\npublished: 2025-03-05\nurl: https://example.com/schumer\n---\n\nSenate Minority Leader Chuck Schumer said on Tuesday that the pause was a gift to Putin.\n',
    );
    const third = await runCli(at('2025-03-06T07:00:00Z'), args);
    expect(third.stdout).toMatch(
      /New since the last briefing \(5 Mar 2025, 07:00 UTC\)\n-+\n• New article: Schumer Calls Cyber Pause A Gift To Putin · The Record · 5 Mar 2025 · https:\/\/example\.com\/schumer/,
    );
    expect(third.stdout).toMatch(/^4 Mar 2025 +Senate Minority Leader Chuck Schumer said on Tuesday/m);
  });

  it('--markdown escapes corpus text and links headlines; --no-save records nothing', async () => {
    const run = await runCli(at('2025-03-04T07:00:00Z'), ['--markdown', '--no-save', '--corpus', BUNDLED_CORPUS, '--state', stateDir]);
    expect(run.stdout).toMatch(/^# Briefing: US pause/);
    expect(run.stdout).toMatch(/^## Key points$/m);
    expect(run.stdout).toMatch(/^- \*\*Who ordered the pause:\*\* .*Hegseth/m);
    expect(run.stdout).toMatch(
      /^- \*\*3 Mar 2025\*\* — Pentagon Halts U\.S\. Cyber Offensive Attacks .* — First report · source: outlet unknown · 3 Mar 2025$/m,
    );
    expect(await terminalBriefings()).toEqual([]);
  });

  it('--json prints exactly one JSON object: key points with their disputes, the disputed claims, events with sources; --no-save still works', async () => {
    const story = path.join(ROOT, 'tests', 'fixtures', 'corpus-briefing-story');
    const run = await runCli(at('2025-07-12T07:00:00Z'), ['--json', '--no-save', '--corpus', story, '--state', stateDir], {
      env: { LOG_LEVEL: 'info' },
    });
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const j = JSON.parse(lines[0]!);
    expect(Object.keys(j)).toEqual(expect.arrayContaining(['story', 'asOf', 'keyPoints', 'disputed', 'timeline', 'new']));
    expect(j.story).toBe('Kessel customs halt');
    expect(j.asOf).toBe('2025-07-12T07:00:00.000Z');
    const who = j.keyPoints.find((k: { id: string }) => k.id === 'who-ordered');
    expect(who).toMatchObject({
      label: 'Who ordered the halt',
      confident: true,
      text: expect.stringMatching(/Varga/),
      citation: { title: expect.any(String), source: 'The Ledger', published: expect.any(String), url: expect.stringMatching(/^https:/) },
    });
    expect(who.disputed).toEqual([
      {
        text: expect.stringMatching(/denied/),
        citation: {
          title: 'Ministry denies Varga halted Kessel inspections',
          source: 'Capital Times',
          published: '2025-06-04',
          url: 'https://capital.example/ministry-denies',
        },
        stance: 'denies',
      },
    ]);
    expect(j.disputed[0]).toMatchObject({
      claim: { citation: { source: 'The Ledger', published: '2025-06-02' } },
      against: [{ citation: { source: 'Capital Times' } }],
      later: 'claim',
    });
    const first = j.timeline.filter((e: { first: boolean }) => e.first);
    expect(first).toEqual([
      {
        date: '2025-06-02',
        text: expect.stringMatching(/Varga orders/),
        first: true,
        sources: expect.arrayContaining([expect.objectContaining({ source: 'Wire Service' })]),
      },
    ]);
    expect(j.new).toEqual([]);
    expect(await terminalBriefings()).toEqual([]);
  });

  it('--all prints every event; without it the timeline is cut to 12 and says so', async () => {
    const many = path.join(stateDir, 'many');
    await mkdir(many);
    // 14 unrelated reports, 8 days apart: 14 events.
    const words = [
      'Harbour',
      'Budget',
      'Rail',
      'Court',
      'School',
      'Hospital',
      'Bridge',
      'Airport',
      'Museum',
      'Stadium',
      'Library',
      'Prison',
      'Market',
      'Tunnel',
    ];
    for (const [i, word] of words.entries()) {
      const day = new Date(Date.UTC(2025, 0, 1 + 8 * i)).toISOString().slice(0, 10);
      await writeFile(
        path.join(many, `a${i}.md`),
        `---\ntitle: ${word} reopens\npublished: ${day}\n---\n\nThe ${word.toLowerCase()} reopened.\n`,
      );
    }
    const cut = await runCli(at('2025-05-01T07:00:00Z'), ['--no-save', '--json', '--corpus', many, '--state', stateDir]);
    expect(JSON.parse(cut.stdout).timeline).toHaveLength(12);
    expect(JSON.parse(cut.stdout).timelineTotal).toBe(14);
    const all = await runCli(at('2025-05-01T07:00:00Z'), ['--no-save', '--all', '--json', '--corpus', many, '--state', stateDir]);
    expect(JSON.parse(all.stdout).timeline).toHaveLength(14);
    expect((await runCli(at('2025-05-01T07:00:00Z'), ['--no-save', '--corpus', many, '--state', stateDir])).stdout).toMatch(
      /The 12 most reported of 14 events; `npm run briefing -- --all` prints them all\./,
    );
  });

  it('names a malformed standing-questions file and exits 1', async () => {
    const bad = path.join(stateDir, 'bad.json');
    await writeFile(bad, JSON.stringify({ questions: [{ id: 'x', label: 'x' }] }));
    await expect(runCli(at('2025-03-04T07:00:00Z'), ['--corpus', BUNDLED_CORPUS, '--state', stateDir, '--questions', bad])).rejects.toThrow(
      /bad\.json: questions\.0\.ask/,
    );
  });

  it('shows times in BRIEFING_TZ, unless --tz says otherwise; a bad BRIEFING_TZ is exit 2 naming it', async () => {
    const args = ['--no-save', '--corpus', BUNDLED_CORPUS, '--state', stateDir];
    const run = (extra: string[], env: Record<string, string>) => runCli(at('2025-03-04T07:00:00Z'), [...args, ...extra], { env });
    expect((await run([], { BRIEFING_TZ: 'America/New_York' })).stdout).toMatch(/^As of 4 Mar 2025, 02:00 EST\./m);
    expect((await run(['--tz', 'Europe/London'], { BRIEFING_TZ: 'America/New_York' })).stdout).toMatch(/^As of 4 Mar 2025, 07:00 GMT\./m);
    const bad = await run([], { BRIEFING_TZ: 'Mars/Base' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(bad).toMatchObject({ exitCode: 2, message: expect.stringMatching(/BRIEFING_TZ must be an IANA time zone such as UTC/) });
    // --tz stands for BRIEFING_TZ: given, a bad variable is not read.
    expect((await run(['--tz', 'Europe/London'], { BRIEFING_TZ: 'Mars/Base' })).stdout).toMatch(/^As of 4 Mar 2025, 07:00 GMT\./m);
  });

  it('rejects an unknown time zone and stray arguments with usage', async () => {
    await expect(runCli(at('2025-03-04T07:00:00Z'), ['--tz', 'Mars/Base'])).rejects.toThrow(/unknown time zone "Mars\/Base"/);
    await expect(runCli(at('2025-03-04T07:00:00Z'), ['now'])).rejects.toThrow(/unexpected argument "now"/);
  });
});
