import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAsk } from '../src/cli/ask.ts';
import { runEval } from '../src/cli/eval.ts';
import { runCli, SHARED, BUNDLED_CORPUS } from './helpers.ts';

describe('npm run ask', () => {
  it('prints the answer sentence, then numbered cited passages', async () => {
    const run = await runCli(runAsk, ['who ordered the pause']);
    expect(run.code).toBe(0);
    const [sentence] = run.stdout.split('\n');
    expect(sentence).toMatch(/Hegseth/);
    expect(run.stdout).toMatch(/^1\. .+\n {3}outlet unknown · (3 Mar 2025|date unknown)/m);
    expect(run.stdout).toMatch(/^3\. /m);
  });

  it('--json prints exactly one JSON object in the documented shape', async () => {
    const run = await runCli(runAsk, ['--json', '--top', '2', 'who ordered the pause']);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!);
    expect(Object.keys(json)).toEqual(['question', 'confident', 'answer', 'results', 'disputed']);
    expect(json.confident).toBe(true);
    expect(json.answer.text).toMatch(/Hegseth/);
    expect(json.results).toHaveLength(2);
    expect(Object.keys(json.results[0])).toEqual(['id', 'articleId', 'title', 'source', 'published', 'url', 'text', 'score', 'alsoReportedBy']);
    expect(json.answer.passageId).toBe(json.results[0].id);
  });

  it('--batch answers stdin line by line, in order', async () => {
    const run = await runCli(runAsk, ['--batch'], { stdin: 'who ordered the pause\n\nwhat did Schumer say\n' });
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.question)).toEqual(['who ordered the pause', '', 'what did Schumer say']);
    expect(lines[1].results).toEqual([]);
  });

  it('rejects a bad --top and a missing question with usage, exit 2', async () => {
    await expect(runCli(runAsk, ['--top', 'lots', 'q'])).rejects.toThrow(/--top must be a whole number/);
    await expect(runCli(runAsk, [])).rejects.toThrow(/give a question/);
  });

  it('says when the corpus folder does not exist', async () => {
    await expect(runCli(runAsk, ['--corpus', '/nonexistent/brief', 'q'])).rejects.toThrow(/corpus folder not found/);
  });

  it('reads CORPUS_DIR when no --corpus is given', async () => {
    const run = await runCli(runAsk, ['--json', 'who ordered the pause'], { env: { CORPUS_DIR: BUNDLED_CORPUS } });
    expect(JSON.parse(run.stdout).results.length).toBeGreaterThan(0);
  });
});

describe('npm run eval', () => {
  it('gets every question in ../shared/eval/questions.jsonl right', async () => {
    const run = await runCli(runEval, [path.join(SHARED, 'eval', 'questions.jsonl'), '--corpus', BUNDLED_CORPUS]);
    expect(run.stdout).toMatch(/hit@1: 100\.0%/);
    expect(run.stdout).toMatch(/unanswerable declined: 100\.0%/);
    expect(run.stdout).not.toMatch(/wrong:/);
    expect(run.code).toBe(0);
  });
});
