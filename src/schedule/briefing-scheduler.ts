/**
 * Posts a briefing at each cron slot, driven by an injected clock and timers (tests never sleep).
 *
 * - Each slot is claimed in the state database before posting; a slot with any record is never
 *   posted again, whether the second attempt comes from a late timer, a retry or a restart.
 * - At start, the latest slot at or before now is posted once if it has no record and fell after
 *   Brief first ran with this schedule (a catch-up). Earlier missed slots are not posted: one
 *   catch-up, not one per missed slot.
 * - A timer that fires late (sleep, a blocked event loop) posts the latest due slot once, then
 *   waits for the next.
 */
import type { Logger } from '../logger.ts';
import type { SlotStore } from '../state/briefing-slots.ts';
import type { CronSchedule } from './cron-schedule.ts';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const SYSTEM_TIMERS: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** What a post reported: `posted` with message timestamps, or why not. */
export type PostOutcome =
  | { status: 'posted'; ts: string[] }
  /** Slack said no (channel not found, not in channel …): nothing was posted. */
  | { status: 'failed'; error: string; ts?: string[] }
  /** The request may or may not have reached Slack (network error, 5xx): not retried, to avoid a double post. */
  | { status: 'unknown'; error: string; ts?: string[] };

export interface SchedulerDeps {
  schedule: CronSchedule;
  slots: SlotStore;
  channel: string;
  post(slot: Date, options: { catchUp: boolean }): Promise<PostOutcome>;
  now: () => Date;
  timers?: Timers;
  logger: Logger;
}

export interface SchedulerOptions {
  /** Longest single timer; longer waits are chained (Node caps a timer at about 24.8 days). Default 2^31 − 1 ms. */
  maxTimerMs?: number;
  /** A slot this close to start-up counts as on time rather than caught up. Default 60 000 ms. */
  onTimeGraceMs?: number;
}

export const DEFAULT_SCHEDULER_OPTIONS: Required<SchedulerOptions> = { maxTimerMs: 2 ** 31 - 1, onTimeGraceMs: 60_000 };

export interface BriefingScheduler {
  start(): Promise<void>;
  /** Clears the timer and waits for a post in progress. */
  stop(): Promise<void>;
  /** The slot the timer is waiting for. */
  nextSlot(): Date | null;
  /** Resolves once no post is in progress (tests). */
  idle(): Promise<void>;
}

export function createBriefingScheduler(deps: SchedulerDeps, options: SchedulerOptions = {}): BriefingScheduler {
  const opts = { ...DEFAULT_SCHEDULER_OPTIONS, ...options };
  const timers = deps.timers ?? SYSTEM_TIMERS;
  const log = deps.logger.child({
    kind: 'briefing-schedule',
    channel: deps.channel,
    cron: deps.schedule.expression,
    timeZone: deps.schedule.timeZone,
  });
  let handle: unknown;
  let waitingFor: Date | null = null;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  const runSlot = (slot: Date, catchUp: boolean): Promise<void> => {
    running = running
      .then(() => postSlot(deps, log, slot, catchUp))
      .catch((err: unknown) => {
        log.error({ err, slot: slot.toISOString() }, 'scheduled briefing failed');
      });
    return running;
  };

  const arm = () => {
    if (stopped) return;
    const now = deps.now();
    waitingFor = deps.schedule.next(now);
    if (!waitingFor) {
      log.warn('the schedule has no further slots');
      return;
    }
    const delay = Math.min(Math.max(0, waitingFor.getTime() - now.getTime()), opts.maxTimerMs);
    handle = timers.setTimeout(onTimer, delay);
  };

  const onTimer = () => {
    handle = undefined;
    if (stopped) return;
    // The latest slot now due: the one waited for, or a later one if the timer fired very late.
    const due = deps.schedule.previous(deps.now());
    if (!due || !waitingFor || due.getTime() < waitingFor.getTime()) {
      arm();
      return;
    }
    void runSlot(due, false).then(arm);
  };

  return {
    async start() {
      const { since } = await deps.slots.open({ cron: deps.schedule.expression, timeZone: deps.schedule.timeZone, channel: deps.channel });
      const now = deps.now();
      const latest = deps.schedule.previous(now);
      const record = latest ? await deps.slots.get(latest) : undefined;
      if (record?.status === 'posting')
        log.warn(
          { slot: latest?.toISOString() },
          'Brief stopped while posting this slot; it may or may not have reached Slack, and is not posted again',
        );
      if (latest && latest.getTime() >= since.getTime() && !record) {
        const catchUp = now.getTime() - latest.getTime() > opts.onTimeGraceMs;
        if (catchUp) log.info({ slot: latest.toISOString() }, 'catching up a briefing missed while Brief was down');
        await runSlot(latest, catchUp);
      }
      arm();
      log.info({ next: waitingFor?.toISOString() }, 'briefing schedule started');
    },
    async stop() {
      stopped = true;
      if (handle !== undefined) timers.clearTimeout(handle);
      await running;
    },
    nextSlot: () => waitingFor,
    idle: () => running,
  };
}

async function postSlot(deps: SchedulerDeps, log: Logger, slot: Date, catchUp: boolean): Promise<void> {
  const slotIso = slot.toISOString();
  if (!(await deps.slots.claim(slot, catchUp))) {
    log.info({ slot: slotIso, status: (await deps.slots.get(slot))?.status }, 'slot already handled; not posting again');
    return;
  }
  let outcome: PostOutcome;
  try {
    outcome = await deps.post(slot, { catchUp });
  } catch (err) {
    // post() throws only before anything is sent (it reports post errors as outcomes).
    outcome = { status: 'failed', error: (err as Error).message ?? String(err) };
  }
  await deps.slots.finish(slot, outcome);
  if (outcome.status === 'posted') log.info({ slot: slotIso, catchUp, messages: outcome.ts.length }, 'scheduled briefing posted');
  else
    log.error(
      { slot: slotIso, catchUp, status: outcome.status, error: outcome.error },
      outcome.status === 'unknown'
        ? 'scheduled briefing may not have been posted; not retried, to avoid posting it twice'
        : 'scheduled briefing was not posted',
    );
}
