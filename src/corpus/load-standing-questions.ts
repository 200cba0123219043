/**
 * The standing questions every briefing answers, and the story's name, kept as data beside the
 * corpus (`standing-questions.json`) so the desk edits them without code.
 */
import path from 'node:path';
import { readDataFile } from './read-data-file.ts';
import { z } from 'zod';
import type { StandingQuestion } from '../core/briefing-types.ts';

export const STANDING_QUESTIONS_FILE = 'standing-questions.json';

const questionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'id must be lower-case letters, digits and dashes (e.g. "who-ordered")'),
    label: z.string().trim().min(1, 'label is empty').max(120, 'label is longer than 120 characters'),
    ask: z.string().trim().min(3, 'ask must be a question of at least 3 characters').max(300, 'ask is longer than 300 characters'),
  })
  .strict();

export const standingQuestionsSchema = z
  .object({
    $comment: z.string().optional(),
    story: z.string().trim().min(1, 'story is empty').max(120, 'story is longer than 120 characters').optional(),
    questions: z.array(questionSchema).max(20, 'at most 20 standing questions fit in a briefing'),
  })
  .strict()
  .superRefine((data, ctx) => {
    const seen = new Set<string>();
    data.questions.forEach((q, i) => {
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: `id "${q.id}" is used twice` });
      seen.add(q.id);
    });
  });

export interface StandingQuestions {
  story?: string;
  questions: StandingQuestion[];
  /** The file read, or undefined when there was none. */
  file?: string;
}

/** `message` names the file's path and fields, for the log and the terminal; `userMessage` is for a channel. */
export class StandingQuestionsError extends Error {
  readonly userMessage: string;
  constructor(message: string, file: string) {
    super(message);
    this.userMessage = describeForUsers(message, file);
  }
}

/** What is wrong in words a channel can act on: no server path, question numbers instead of schema paths. */
function describeForUsers(message: string, file: string): string {
  const name = path.basename(file);
  const fix = 'Whoever runs Brief can fix the file beside the corpus; the log has the details.';
  if (message.startsWith(`${file} is not valid JSON`)) return `${name} is not valid JSON (check its quotes, commas and brackets). ${fix}`;
  const problems = message
    .replace(`${file}: `, '')
    .replace(/\bquestions\.(\d+)\.(\w+): /g, (_m, i: string, field: string) => `question ${Number(i) + 1} (${field}): `)
    .replace(/\bquestions\.(\d+): /g, (_m, i: string) => `question ${Number(i) + 1}: `)
    .replace(/\bfile: /g, '');
  return `${name} has a problem: ${problems}. ${fix}`;
}

/** Reads `FILE` (default `DIR/standing-questions.json`). Missing: no questions. Malformed: throws naming the problem. */
export async function loadStandingQuestions(dir: string, file = path.join(dir, STANDING_QUESTIONS_FILE)): Promise<StandingQuestions> {
  const data = await readDataFile(file, standingQuestionsSchema, (message) => new StandingQuestionsError(message, file));
  if (!data) return { questions: [] };
  const { story, questions } = data;
  return { ...(story ? { story } : {}), questions, file };
}
