/**
 * The standing questions every briefing answers, and the story's name, kept as data beside the
 * corpus (`standing-questions.json`) so the desk edits them without code.
 */
import path from 'node:path';
import { readDataFile } from './read-data-file.ts';
import { z } from 'zod';
import type { StandingQuestion } from '../core/briefing-types.ts';

export const STANDING_QUESTIONS_FILE = 'standing-questions.json';

const questionSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'id must be lower-case letters, digits and dashes (e.g. "who-ordered")'),
  label: z.string().trim().min(1, 'label is empty').max(120, 'label is longer than 120 characters'),
  ask: z.string().trim().min(3, 'ask must be a question of at least 3 characters').max(300, 'ask is longer than 300 characters'),
}).strict();

export const standingQuestionsSchema = z.object({
  $comment: z.string().optional(),
  story: z.string().trim().min(1, 'story is empty').max(120, 'story is longer than 120 characters').optional(),
  questions: z.array(questionSchema).max(20, 'at most 20 standing questions fit in a briefing'),
}).strict().superRefine((data, ctx) => {
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

export class StandingQuestionsError extends Error {}

/** Reads `FILE` (default `DIR/standing-questions.json`). Missing: no questions. Malformed: throws naming the problem. */
export async function loadStandingQuestions(dir: string, file = path.join(dir, STANDING_QUESTIONS_FILE)): Promise<StandingQuestions> {
  const data = await readDataFile(file, standingQuestionsSchema, (message) => new StandingQuestionsError(message));
  if (!data) return { questions: [] };
  const { story, questions } = data;
  return { ...(story ? { story } : {}), questions, file };
}
