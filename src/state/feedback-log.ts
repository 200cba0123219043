/** 👍/👎 on answers, one JSON line each in STATE_DIR/feedback.jsonl, with the question and the answer. */
import path from 'node:path';
import { appendJsonLine } from './json-file.ts';

export interface FeedbackEntry {
  at: string;
  vote: 'up' | 'down';
  user: string;
  channel?: string;
  question: string;
  answer: string | null;
  passageId?: string;
}

export const FEEDBACK_FILE = 'feedback.jsonl';

export function recordFeedback(stateDir: string, entry: FeedbackEntry): Promise<void> {
  return appendJsonLine(path.join(stateDir, FEEDBACK_FILE), entry);
}
