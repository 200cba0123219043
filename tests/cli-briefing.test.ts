import { mkdtemp, readFile, rm, writeFile, cp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBriefing } from '../src/cli/briefing.ts';
import type { CliIo } from '../src/cli/io.ts';
import { BUNDLED_CORPUS, runCli } from './helpers.ts';

let stateDir: string;
beforeEach(async () => { stateDir = await mkdtemp(path.join(os.tmpdir(), 'brief-cli-state-')); });
afterEach(async () => { await rm(stateDir, { recursive: true, force: true }); });

const at = (iso: string) => (args: string[], io: CliIo) => runBriefing(args, io, () => new Date(iso));

describe('npm run briefing', () => {
  it('prints the header, key points naming Hegseth, and a timeline dating both articles', async () => {
    const run = await runCli(at('2025-03-04T07:00:00Z'), ['--corpus', BUNDLED_CORPUS, '--state', stateDir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Briefing: US pause of offensive cyber operations against Russia\nAs of 4 Mar 2025, 07:00 UTC\. Rests on 2 articles \(outlet unknown for 2\)\./);
    expect(run.stdout).toMatch(/First briefing here/);
    expect(run.stdout).toMatch(/• Who ordered the pause: .*Hegseth/);
    expect(run.stdout).toMatch(/^28 Feb 2025 +This decision was made .* on Friday/m);
    expect(run.stdout).toMatch(/“Friday”, counted back from the article’s date; source: Pentagon Halts/);
    // Issue 13: the timeline is events, not one "article:" line per file; an article's report is an
    // event on its day (here the story's first report), and an undated article adds no dateless line.
    expect(run.stdout).toMatch(/^3 Mar 2025 +Pentagon Halts U\.S\. Cyber Offensive Attacks.*\n +— First report · source: outlet unknown · 3 Mar 2025/m);
    expect(run.stdout).not.toMatch(/article:|^date unknown/m);
  });

  it('says "nothing new" the second time, and what is new after an article is added', async () => {
    const corpus = path.join(stateDir, 'corpus');
    await cp(BUNDLED_CORPUS, corpus, { recursive: true });
    const args = ['--corpus', corpus, '--state', stateDir];
    await runCli(at('2025-03-04T07:00:00Z'), args);
    expect((await runCli(at('2025-03-05T07:00:00Z'), args)).stdout).toMatch(/Nothing new since the last briefing \(4 Mar 2025, 07:00 UTC\)\./);
    await writeFile(path.join(corpus, 'schumer.md'), '---\ntitle: Schumer Calls Cyber Pause A Gift To Putin\nsource: The Record\npublished: 2025-03-05\nurl: https://example.com/schumer\n---\n\nSenate Minority Leader Chuck Schumer said on Tuesday that the pause was a gift to Putin.\n');
    const third = await runCli(at('2025-03-06T07:00:00Z'), args);
    expect(third.stdout).toMatch(/New since the last briefing \(5 Mar 2025, 07:00 UTC\)\n-+\n• New article: Schumer Calls Cyber Pause A Gift To Putin · The Record · 5 Mar 2025 · https:\/\/example\.com\/schumer/);
    expect(third.stdout).toMatch(/^4 Mar 2025 +Senate Minority Leader Chuck Schumer said on Tuesday/m);
  });

  it('--markdown escapes corpus text and links headlines; --no-save records nothing', async () => {
    const run = await runCli(at('2025-03-04T07:00:00Z'), ['--markdown', '--no-save', '--corpus', BUNDLED_CORPUS, '--state', stateDir]);
    expect(run.stdout).toMatch(/^# Briefing: US pause/);
    expect(run.stdout).toMatch(/^## Key points$/m);
    expect(run.stdout).toMatch(/^- \*\*Who ordered the pause:\*\* .*Hegseth/m);
    expect(run.stdout).toMatch(/^- \*\*3 Mar 2025\*\* — Pentagon Halts U\.S\. Cyber Offensive Attacks .* — First report · source: outlet unknown · 3 Mar 2025$/m);
    await expect(readFile(path.join(stateDir, 'briefings', 'terminal.json'))).rejects.toThrow(/ENOENT/);
  });

  it('names a malformed standing-questions file and exits 1', async () => {
    const bad = path.join(stateDir, 'bad.json');
    await writeFile(bad, JSON.stringify({ questions: [{ id: 'x', label: 'x' }] }));
    await expect(runCli(at('2025-03-04T07:00:00Z'), ['--corpus', BUNDLED_CORPUS, '--state', stateDir, '--questions', bad])).rejects.toThrow(/bad\.json: questions\.0\.ask/);
  });

  it('rejects an unknown time zone and stray arguments with usage', async () => {
    await expect(runCli(at('2025-03-04T07:00:00Z'), ['--tz', 'Mars/Base'])).rejects.toThrow(/unknown time zone "Mars\/Base"/);
    await expect(runCli(at('2025-03-04T07:00:00Z'), ['now'])).rejects.toThrow(/unexpected argument "now"/);
  });
});
