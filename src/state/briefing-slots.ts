/**
 * Scheduled-briefing slots. Each slot is claimed by inserting its row (the slot is the primary
 * key) *before* the post: whichever process or replica inserts it posts, anyone else (a late
 * timer, a restart, another replica, an old process still shutting down) finds it and does not.
 * The outcome then updates the row. A row left at `posting` means the poster stopped mid-post; it
 * is never retried, because Slack has no idempotency key and the post may have landed: at most
 * once, never twice.
 *
 * The schedule row holds the schedule and when Brief first ran with it, so a slot from before then
 * is not "caught up".
 */
import { z } from 'zod';
import type { Database } from './db-schema.ts';
import type { OpenedDatabase } from './open-database.ts';

/** The files before the database (imported once). */
export const BRIEFING_SCHEDULE_FILE = 'briefing-schedule.json';
export const BRIEFING_SLOTS_DIR = 'briefing-slots';

/** How many slot records are kept (the newest). */
export const DEFAULT_SLOT_RECORDS = 100;

export const slotSchema = z.object({
  slot: z.string(),
  status: z.enum(['posting', 'posted', 'failed', 'unknown']),
  channel: z.string(),
  catchUp: z.boolean(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  /** Message timestamps posted for this slot. */
  ts: z.array(z.string()).optional(),
  error: z.string().optional(),
});
const scheduleSchema = z.object({ cron: z.string(), timeZone: z.string(), channel: z.string() });
export const scheduleFileSchema = z.object({ version: z.literal(1), schedule: scheduleSchema.extend({ since: z.string() }) });

export type SlotRecord = z.infer<typeof slotSchema>;
export type SlotStatus = SlotRecord['status'];
export type ScheduleKey = z.infer<typeof scheduleSchema>;

export interface SlotStore {
  /** Reads the schedule; a new or changed schedule starts counting from now. Returns since when. */
  open(schedule: ScheduleKey): Promise<{ since: Date }>;
  get(slot: Date): Promise<SlotRecord | undefined>;
  /** Inserts the slot's record as `posting`; true when this caller may post. */
  claim(slot: Date, catchUp: boolean): Promise<boolean>;
  finish(slot: Date, outcome: { status: Exclude<SlotStatus, 'posting'>; ts?: string[]; error?: string }): Promise<void>;
}

export const slotRow = (r: SlotRecord): Database['briefing_slots'] => ({
  slot: r.slot,
  status: r.status,
  channel: r.channel,
  catch_up: r.catchUp ? 1 : 0,
  started_at: r.startedAt,
  finished_at: r.finishedAt ?? null,
  ts: r.ts ? JSON.stringify(r.ts) : null,
  error: r.error ?? null,
});

const toRecord = (r: Database['briefing_slots']): SlotRecord => ({
  slot: r.slot,
  status: r.status as SlotStatus,
  channel: r.channel,
  catchUp: Number(r.catch_up) === 1,
  startedAt: r.started_at,
  ...(r.finished_at ? { finishedAt: r.finished_at } : {}),
  ...(r.ts ? { ts: JSON.parse(r.ts) as string[] } : {}),
  ...(r.error ? { error: r.error } : {}),
});

export function createSlotStore(database: OpenedDatabase, now: () => Date, keep = DEFAULT_SLOT_RECORDS): SlotStore {
  const { db } = database;
  let channel = '';
  return {
    open: (schedule) =>
      database.transaction(async (tx) => {
        channel = schedule.channel;
        const old = await tx.selectFrom('briefing_schedule').selectAll().where('name', '=', 'default').executeTakeFirst();
        const same = old && old.cron === schedule.cron && old.time_zone === schedule.timeZone && old.channel === schedule.channel;
        const since = same ? old.since : now().toISOString();
        if (!same) {
          const row = { name: 'default', cron: schedule.cron, time_zone: schedule.timeZone, channel: schedule.channel, since };
          await tx
            .insertInto('briefing_schedule')
            .values(row)
            .onConflict((oc) => oc.column('name').doUpdateSet({ cron: row.cron, time_zone: row.time_zone, channel: row.channel, since }))
            .execute();
        }
        const cutoff = await tx
          .selectFrom('briefing_slots')
          .select('slot')
          .orderBy('slot', 'desc')
          .offset(keep)
          .limit(1)
          .executeTakeFirst();
        if (cutoff) await tx.deleteFrom('briefing_slots').where('slot', '<=', cutoff.slot).execute();
        return { since: new Date(since) };
      }),
    async get(slot) {
      const row = await db.selectFrom('briefing_slots').selectAll().where('slot', '=', slot.toISOString()).executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },
    async claim(slot, catchUp) {
      const record: SlotRecord = { slot: slot.toISOString(), status: 'posting', channel, catchUp, startedAt: now().toISOString() };
      const inserted = await db
        .insertInto('briefing_slots')
        .values(slotRow(record))
        .onConflict((oc) => oc.column('slot').doNothing())
        .returning('slot')
        .executeTakeFirst();
      return inserted !== undefined;
    },
    async finish(slot, outcome) {
      await db
        .updateTable('briefing_slots')
        .set({
          status: outcome.status,
          finished_at: now().toISOString(),
          ...(outcome.ts ? { ts: JSON.stringify(outcome.ts) } : {}),
          ...(outcome.error ? { error: outcome.error } : {}),
        })
        .where('slot', '=', slot.toISOString())
        .execute();
    },
  };
}
