import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAsk } from '../src/cli/ask.ts';
import { runEval } from '../src/cli/eval.ts';
import { CliError } from '../src/cli/io.ts';
import { runIngest } from '../src/cli/ingest.ts';
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
    expect(Object.keys(json.results[0])).toEqual([
      'id',
      'articleId',
      'title',
      'source',
      'published',
      'url',
      'text',
      'score',
      'alsoReportedBy',
    ]);
    expect(json.answer.passageId).toBe(json.results[0].id);
  });

  it('--batch answers stdin line by line, in order', async () => {
    const run = await runCli(runAsk, ['--batch'], { stdin: 'who ordered the pause\n\nwhat did Schumer say\n' });
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
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

  it('--corpus wins over CORPUS_DIR', async () => {
    const env = { CORPUS_DIR: '/nonexistent/brief' };
    const run = await runCli(runAsk, ['--json', '--corpus', BUNDLED_CORPUS, 'who ordered the pause'], { env });
    expect(JSON.parse(run.stdout).results.length).toBeGreaterThan(0);
  });
});

describe('the terminal commands read the environment through the base config', () => {
  const failure = async (promise: Promise<unknown>) => {
    const err = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CliError);
    return err as CliError;
  };

  it('a bad LOG_LEVEL is a usage error (exit 2) naming the variable and the allowed values, in every command', async () => {
    const env = { LOG_LEVEL: 'loud', CORPUS_DIR: BUNDLED_CORPUS };
    for (const run of [
      () => runCli(runAsk, ['who ordered the pause'], { env }),
      () => runCli(runEval, [path.join(SHARED, 'eval', 'questions.jsonl')], { env }),
      () => runCli(runIngest, ['--feeds', '--feeds-file', 'feeds.txt'], { env }),
    ]) {
      const err = await failure(run());
      expect(err.exitCode).toBe(2);
      expect(err.message).toBe(
        'fix these in .env or the environment (see .env.example):\n' +
          '  - LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
      );
    }
  });

  it('needs no Slack variable, and reads only the variables of the command: a bad one it does not read cannot stop it', async () => {
    const env = {
      LOG_LEVEL: 'silent',
      BRIEFING_TZ: 'Mars/Base',
      FEED_INTERVAL: 'often',
      SLACK_BOT_TOKEN: 'nope',
      CORPUS_DIR: BUNDLED_CORPUS,
    };
    const out = await runCli(runAsk, ['who ordered the pause'], { env });
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/Hegseth/);
  });

  it('lists every bad variable of the command at once, ', async () => {
    const feeds = ['--feeds', '--feeds-file', 'feeds.txt'];
    const err = await failure(
      runCli(runIngest, feeds, { env: { LOG_LEVEL: 'loud', FEED_BACKFILL_WINDOW: 'soon', SLACK_BOT_TOKEN: 'nope' } }),
    );
    expect(err.exitCode).toBe(2);
    expect(err.message).toMatch(/LOG_LEVEL must be one of .*\n {2}- FEED_BACKFILL_WINDOW must be a positive duration/);
    expect(err.message).not.toMatch(/SLACK/);
  });

  it('ingest --feeds names a bad FEED_BACKFILL_WINDOW, which also applies to a feeds file named by --feeds-file', async () => {
    const err = await failure(runCli(runIngest, ['--feeds', '--feeds-file', 'feeds.txt'], { env: { FEED_BACKFILL_WINDOW: 'soon' } }));
    expect(err.exitCode).toBe(2);
    expect(err.message).toMatch(/FEED_BACKFILL_WINDOW must be a positive duration/);
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
