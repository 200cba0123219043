/**
 * Scheduled-briefing slots. Each slot is claimed by creating `STATE_DIR/briefing-slots/<slot>.json`
 * exclusively (O_EXCL, fsynced) *before* the post: whoever creates it posts, anyone else (a late
 * timer, a restart, an old process still shutting down) finds it and does not. The outcome then
 * replaces the file atomically. A record left at `posting` means Brief stopped mid-post; it is never
 * retried, because Slack has no idempotency key and the post may have landed: at most once, never twice.
 *
 * `STATE_DIR/briefing-schedule.json` holds the schedule and when Brief first ran with it, so a slot
 * from before then is not "caught up".
 */
import { mkdir, open, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { readJsonState, writeJsonState } from './json-file.ts';

export const BRIEFING_SCHEDULE_FILE = 'briefing-schedule.json';
export const BRIEFING_SLOTS_DIR = 'briefing-slots';

/** How many slot records are kept (the newest). */
export const DEFAULT_SLOT_RECORDS = 100;

const slotSchema = z.object({
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
const scheduleFileSchema = z.object({ version: z.literal(1), schedule: scheduleSchema.extend({ since: z.string() }) });

export type SlotRecord = z.infer<typeof slotSchema>;
export type SlotStatus = SlotRecord['status'];
export type ScheduleKey = z.infer<typeof scheduleSchema>;

export interface SlotStore {
  /** Reads the schedule file; a new or changed schedule starts counting from now. Returns since when. */
  open(schedule: ScheduleKey): Promise<{ since: Date; setAside?: { file: string; reason: string } }>;
  get(slot: Date): Promise<SlotRecord | undefined>;
  /** Creates the slot's record as `posting`, exclusively and durably; true when this caller may post. */
  claim(slot: Date, catchUp: boolean): Promise<boolean>;
  finish(slot: Date, outcome: { status: Exclude<SlotStatus, 'posting'>; ts?: string[]; error?: string }): Promise<void>;
}

/** `2025-03-03T12-00-00.000Z.json`: the slot's instant, without colons (portable file names). */
export function slotFileName(slot: Date): string {
  return `${slot.toISOString().replace(/:/g, '-')}.json`;
}

export function createSlotStore(stateDir: string, now: () => Date, keep = DEFAULT_SLOT_RECORDS): SlotStore {
  const dir = path.join(stateDir, BRIEFING_SLOTS_DIR);
  const fileOf = (slot: Date) => path.join(dir, slotFileName(slot));
  let channel = '';

  return {
    async open(schedule) {
      channel = schedule.channel;
      const file = path.join(stateDir, BRIEFING_SCHEDULE_FILE);
      const read = await readJsonState(file, scheduleFileSchema, now);
      const old = read.status === 'ok' ? read.value.schedule : undefined;
      const same = old && old.cron === schedule.cron && old.timeZone === schedule.timeZone && old.channel === schedule.channel;
      const since = same ? old.since : now().toISOString();
      if (!same) await writeJsonState(file, { version: 1, schedule: { ...schedule, since } });
      await mkdir(dir, { recursive: true });
      await pruneSlots(dir, keep);
      return { since: new Date(since), ...(read.status === 'corrupt' ? { setAside: { file: read.setAsideAs, reason: read.reason } } : {}) };
    },
    async get(slot) {
      try {
        return slotSchema.parse(JSON.parse(await readFile(fileOf(slot), 'utf8')));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        // Unreadable but present: someone claimed it. Treat as handled rather than risk a second post.
        return { slot: slot.toISOString(), status: 'unknown', channel, catchUp: false, startedAt: '', error: `unreadable record: ${(err as Error).message}` };
      }
    },
    async claim(slot, catchUp) {
      const record: SlotRecord = { slot: slot.toISOString(), status: 'posting', channel, catchUp, startedAt: now().toISOString() };
      await mkdir(dir, { recursive: true });
      let handle;
      try {
        handle = await open(fileOf(slot), 'wx');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw err;
      }
      try {
        await handle.writeFile(`${JSON.stringify(record, null, 2)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return true;
    },
    async finish(slot, outcome) {
      const current = await this.get(slot);
      if (!current) return;
      await writeJsonState(fileOf(slot), { ...current, ...outcome, finishedAt: now().toISOString() });
    },
  };
}

async function pruneSlots(dir: string, keep: number): Promise<void> {
  const names = (await readdir(dir)).filter((n) => /^\d{4}-.*\.json$/.test(n)).sort();
  for (const name of names.slice(0, Math.max(0, names.length - keep))) await rm(path.join(dir, name), { force: true });
}
