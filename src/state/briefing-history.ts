/**
 * Past briefings per place (a channel id, or `terminal`), newest last, in
 * `STATE_DIR/briefings/<place>.json`. The newest is the watermark the next briefing compares with.
 * One file per place, rewritten whole and crash-safely, so the watermark and the history never disagree.
 */
import path from 'node:path';
import { z } from 'zod';
import type { Briefing } from '../core/briefing-types.ts';
import { readJsonState, writeJsonState } from './json-file.ts';

export const BRIEFINGS_DIR = 'briefings';

/** How many past briefings are kept per place. */
export const DEFAULT_BRIEFING_HISTORY_SIZE = 30;

const citation = z.object({ articleId: z.string(), passageId: z.string().optional(), title: z.string(), source: z.string().optional(), url: z.string().optional(), published: z.string().optional() });
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
  keyPoints: z.array(z.object({
    id: z.string(), label: z.string(), question: z.string(), answer: z.string(), matchedWords: z.array(z.string()), citation,
    alsoReportedBy: z.array(citation).optional(), disputed: z.array(claimSide).optional(),
  })),
  openQuestions: z.array(z.object({ id: z.string(), label: z.string(), question: z.string() })),
  timeline: z.array(z.object({
    kind: z.enum(['article', 'event']), date: z.string().optional(), dateFrom: z.enum(['published', 'text', 'relative']).optional(),
    dateWords: z.string().optional(), text: z.string(), citation,
    sources: z.array(citation).optional(), first: z.boolean().optional(),
  })),
  timelineTotal: z.number().int().min(0).optional(),
  disputed: z.array(z.object({ claim: claimSide, against: z.array(claimSide), confirmedBy: z.array(claimSide).optional(), later: z.enum(['claim', 'against', 'unknown']) })).optional(),
  questionsProblem: z.string().optional(),
});
const historySchema = z.object({ version: z.literal(1), place: z.string(), briefings: z.array(briefingSchema) });

export interface BriefingHistory {
  briefings: Briefing[];
  /** Set when the file was unreadable and has been set aside (kept for a person to look at). */
  setAside?: { file: string; reason: string };
}

/** A channel id or `terminal`: anything else could name a file outside the folder. */
export function historyFile(stateDir: string, place: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(place)) throw new Error(`not a briefing place: ${JSON.stringify(place)}`);
  return path.join(stateDir, BRIEFINGS_DIR, `${place}.json`);
}

export async function readBriefingHistory(stateDir: string, place: string, now?: () => Date): Promise<BriefingHistory> {
  const read = await readJsonState(historyFile(stateDir, place), historySchema, now);
  if (read.status === 'ok') return { briefings: read.value.briefings as Briefing[] };
  if (read.status === 'corrupt') return { briefings: [], setAside: { file: read.setAsideAs, reason: read.reason } };
  return { briefings: [] };
}

// Writes to one place's file are queued, so a share and a scheduled post at once both land.
const queues = new Map<string, Promise<unknown>>();

/** Appends a briefing to the place's history (the new watermark), keeping the newest `keep`. */
export function recordBriefing(stateDir: string, place: string, briefing: Briefing, keep = DEFAULT_BRIEFING_HISTORY_SIZE): Promise<void> {
  const file = historyFile(stateDir, place);
  const previous = queues.get(file) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(async () => {
    const { briefings } = await readBriefingHistory(stateDir, place);
    await writeJsonState(file, { version: 1, place, briefings: [...briefings, briefing].slice(-keep) });
  });
  queues.set(file, next);
  const forget = () => { if (queues.get(file) === next) queues.delete(file); };
  next.then(forget, forget);
  return next;
}
