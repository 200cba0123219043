/**
 * Past briefings per place (a channel id, or `terminal`), newest last. The newest is the watermark
 * the next briefing compares with. Appending and trimming to the newest `keep` is one transaction,
 * so a share and a scheduled post at once both land and the history never loses the watermark.
 */
import { z } from 'zod';
import type { Briefing } from '../core/briefing-types.ts';
import { takeNumbers } from './alert-store.ts';
import type { OpenedDatabase } from './open-database.ts';

/** The folder of per-place JSON files before the database (imported once). */
export const BRIEFINGS_DIR = 'briefings';

/** How many past briefings are kept per place. */
export const DEFAULT_BRIEFING_HISTORY_SIZE = 30;

const citation = z.object({
  articleId: z.string(),
  passageId: z.string().optional(),
  title: z.string(),
  source: z.string().optional(),
  url: z.string().optional(),
  published: z.string().optional(),
});
// Fields added by briefings that understand a story (issue 13): optional, so older histories still read.
const claimSide = z.object({ text: z.string(), citation, stance: z.enum(['asserts', 'denies']) });
const briefingSchema = z.object({
  version: z.literal(1),
  story: z.string(),
  asOf: z.iso.datetime(),
  articleIds: z.array(z.string()),
  outlets: z.array(z.string()),
  outletUnknown: z.number().int().min(0),
  whatsNew: z.object({
    since: z.string().optional(),
    articles: z.array(citation),
    keyPoints: z.array(z.object({ id: z.string(), label: z.string(), was: z.string().nullable(), now: z.string().nullable() })),
  }),
  keyPoints: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      question: z.string(),
      answer: z.string(),
      matchedWords: z.array(z.string()),
      citation,
      alsoReportedBy: z.array(citation).optional(),
      disputed: z.array(claimSide).optional(),
    }),
  ),
  openQuestions: z.array(z.object({ id: z.string(), label: z.string(), question: z.string() })),
  timeline: z.array(
    z.object({
      kind: z.enum(['article', 'event']),
      date: z.string().optional(),
      dateFrom: z.enum(['published', 'text', 'relative']).optional(),
      dateWords: z.string().optional(),
      text: z.string(),
      citation,
      sources: z.array(citation).optional(),
      first: z.boolean().optional(),
    }),
  ),
  timelineTotal: z.number().int().min(0).optional(),
  disputed: z
    .array(
      z.object({
        claim: claimSide,
        against: z.array(claimSide),
        confirmedBy: z.array(claimSide).optional(),
        later: z.enum(['claim', 'against', 'unknown']),
      }),
    )
    .optional(),
  questionsProblem: z.string().optional(),
});
export const historySchema = z.object({ version: z.literal(1), place: z.string(), briefings: z.array(briefingSchema) });

export interface BriefingHistory {
  /** Oldest first. */
  read(place: string): Promise<Briefing[]>;
  /** Appends a briefing to the place's history (the new watermark), keeping the newest `keep`. */
  record(place: string, briefing: Briefing, keep?: number): Promise<void>;
}

/** A channel id or `terminal`. */
export function checkPlace(place: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(place)) throw new Error(`not a briefing place: ${JSON.stringify(place)}`);
  return place;
}

export function createBriefingHistory(database: OpenedDatabase): BriefingHistory {
  const { db } = database;
  return {
    async read(place) {
      const rows = await db.selectFrom('briefings').select('body').where('place', '=', checkPlace(place)).orderBy('seq').execute();
      return rows.map((r) => JSON.parse(r.body) as Briefing);
    },
    record: (place, briefing, keep = DEFAULT_BRIEFING_HISTORY_SIZE) =>
      database.transaction(async (tx) => {
        const seq = await takeNumbers(tx, 'briefing', 1);
        await tx
          .insertInto('briefings')
          .values({ seq, place: checkPlace(place), as_of: briefing.asOf, body: JSON.stringify(briefing) })
          .execute();
        const cutoff = await tx
          .selectFrom('briefings')
          .select('seq')
          .where('place', '=', place)
          .orderBy('seq', 'desc')
          .offset(keep)
          .limit(1)
          .executeTakeFirst();
        if (cutoff) await tx.deleteFrom('briefings').where('place', '=', place).where('seq', '<=', cutoff.seq).execute();
      }),
  };
}
