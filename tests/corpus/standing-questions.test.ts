import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadStandingQuestions, StandingQuestionsError } from '../../src/corpus/load-standing-questions.ts';
import { BUNDLED_CORPUS } from '../helpers.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'brief-sq-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});
const write = (data: unknown) =>
  writeFile(path.join(dir, 'standing-questions.json'), typeof data === 'string' ? data : JSON.stringify(data));

describe('standing-questions.json', () => {
  it('bundles the default set for this story', async () => {
    const { story, questions } = await loadStandingQuestions(BUNDLED_CORPUS);
    expect(story).toMatch(/cyber/);
    expect(questions.map((q) => q.id)).toEqual(['who-ordered', 'why', 'how-long', 'what-continues', 'critics', 'administration']);
  });

  it('means no questions when the file is missing', async () => {
    expect(await loadStandingQuestions(dir)).toEqual({ questions: [] });
  });

  it.each([
    ['{ not json', /is not valid JSON/],
    [{ questions: [{ id: 'Who Ordered', label: 'x', ask: 'who ordered' }] }, /questions\.0\.id: id must be lower-case/],
    [
      {
        questions: [
          { id: 'a', label: 'x', ask: 'who' },
          { id: 'a', label: 'y', ask: 'why then' },
        ],
      },
      /questions\.1\.id: id "a" is used twice/,
    ],
    [{ questions: [{ id: 'a', label: '', ask: 'who ordered' }] }, /questions\.0\.label: label is empty/],
    [{ questions: [{ id: 'a', label: 'x', question: 'who ordered' }] }, /questions\.0/],
    [{ story: 'x' }, /questions/],
  ])('rejects a malformed file #%# naming the problem and the file', async (data, expected) => {
    await write(data);
    const err = await loadStandingQuestions(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StandingQuestionsError);
    expect((err as Error).message).toMatch(expected);
    expect((err as Error).message).toContain('standing-questions.json');
  });
});
