/** 👍/👎 on answers, one row each, with the question and the answer. */
import { randomUUID } from 'node:crypto';
import type { OpenedDatabase } from './open-database.ts';

export interface FeedbackEntry {
  at: string;
  vote: 'up' | 'down';
  user: string;
  channel?: string;
  question: string;
  answer: string | null;
  passageId?: string;
}

export interface FeedbackLog {
  record(entry: FeedbackEntry): Promise<void>;
  /** Every entry, oldest first. */
  all(): Promise<FeedbackEntry[]>;
}

export const feedbackRow = (e: FeedbackEntry) => ({
  id: randomUUID(),
  at: e.at,
  vote: e.vote,
  user_id: e.user,
  channel: e.channel ?? null,
  question: e.question,
  answer: e.answer,
  passage_id: e.passageId ?? null,
});

export function createFeedbackLog({ db }: OpenedDatabase): FeedbackLog {
  return {
    async record(entry) {
      await db.insertInto('feedback').values(feedbackRow(entry)).execute();
    },
    async all() {
      const rows = await db.selectFrom('feedback').selectAll().orderBy('at').execute();
      return rows.map((r) => ({
        at: r.at,
        vote: r.vote as FeedbackEntry['vote'],
        user: r.user_id,
        ...(r.channel ? { channel: r.channel } : {}),
        question: r.question,
        answer: r.answer,
        ...(r.passage_id ? { passageId: r.passage_id } : {}),
      }));
    },
  };
}
