import { beforeEach, describe, expect, it } from 'vitest';
import { createBriefingScheduler, type BriefingScheduler, type PostOutcome } from '../../src/schedule/briefing-scheduler.ts';
import { createCronSchedule } from '../../src/schedule/cron-schedule.ts';
import { createSlotStore } from '../../src/state/briefing-slots.ts';
import type { BriefState } from '../../src/state/open-state.ts';
import { captureLogger } from '../helpers.ts';
import { openTestState, testStateConfig } from '../state/test-databases.ts';
import { createFakeClock, type FakeClock } from './fake-clock.ts';

let state: BriefState;
beforeEach(async () => {
  state = await openTestState(await testStateConfig('sqlite'));
});

interface Run {
  scheduler: BriefingScheduler;
  posts: { slot: string; catchUp: boolean; at: string }[];
  logs: Record<string, unknown>[];
}

/** A scheduler over the real slot store (SQLite), with a fake clock; `post` records what it was asked. */
function startScheduler(
  clock: FakeClock,
  cron: string,
  timeZone: string,
  post?: (slot: Date) => Promise<PostOutcome>,
): Run & { started: Promise<void> } {
  const posts: Run['posts'] = [];
  const { logger, lines } = captureLogger();
  const scheduler = createBriefingScheduler({
    schedule: createCronSchedule(cron, timeZone),
    slots: createSlotStore(state.database, clock.now),
    channel: 'C0ONCALL',
    now: clock.now,
    timers: clock.timers,
    logger,
    async post(slot, { catchUp }) {
      posts.push({ slot: slot.toISOString(), catchUp, at: clock.now().toISOString() });
      return post ? post(slot) : { status: 'posted', ts: [`${posts.length}.0001`] };
    },
  });
  return { scheduler, posts, logs: lines, started: scheduler.start() };
}

const local = (iso: string, timeZone: string) => new Date(iso).toLocaleString('en-GB', { timeZone, hour12: false });
const scheduleRow = () => state.database.db.selectFrom('briefing_schedule').selectAll().executeTakeFirstOrThrow();
const slotRecord = (iso: string) => state.slots.get(new Date(iso));

describe('briefing schedule', () => {
  it('fires at 07:00 local time on both sides of the spring DST change (America/New_York)', async () => {
    const clock = createFakeClock('2025-03-07T13:00:00Z'); // Friday 08:00 EST
    const run = startScheduler(clock, '0 7 * * *', 'America/New_York');
    await run.started;
    await clock.advanceTo('2025-03-11T00:00:00Z', () => run.scheduler.idle());
    // 07:00 EST is 12:00Z; from Sunday 9 March, 07:00 EDT is 11:00Z.
    expect(run.posts.map((p) => p.slot)).toEqual(['2025-03-08T12:00:00.000Z', '2025-03-09T11:00:00.000Z', '2025-03-10T11:00:00.000Z']);
    expect(run.posts.map((p) => local(p.at, 'America/New_York').slice(-8))).toEqual(['07:00:00', '07:00:00', '07:00:00']);
    expect(run.posts.every((p) => !p.catchUp)).toBe(true);
    await run.scheduler.stop();
  });

  it('posts once when the autumn change repeats the slot’s hour, and accepts seconds (Europe/London)', async () => {
    const clock = createFakeClock('2025-10-25T12:00:00Z');
    const run = startScheduler(clock, '15 30 1 * * *', 'Europe/London'); // 01:30:15 local; 26 Oct has 01:30 twice
    await run.started;
    await clock.advanceTo('2025-10-28T00:00:00Z', () => run.scheduler.idle());
    expect(run.posts.map((p) => p.slot)).toEqual(['2025-10-26T00:30:15.000Z', '2025-10-27T01:30:15.000Z']);
    await run.scheduler.stop();
  });

  it('catches up the latest slot missed while down, once, not once per missed slot', async () => {
    const clock = createFakeClock('2025-03-03T08:00:00Z');
    const first = startScheduler(clock, '0 12 * * *', 'UTC');
    await first.started;
    await clock.advanceTo('2025-03-03T12:30:00Z', () => first.scheduler.idle());
    expect(first.posts.map((p) => p.slot)).toEqual(['2025-03-03T12:00:00.000Z']);
    await first.scheduler.stop();

    // Down from 3 March 12:30 to 7 March 15:00: the slots of 4, 5, 6 and 7 March were missed.
    await clock.advanceTo('2025-03-07T15:00:00Z');
    const second = startScheduler(clock, '0 12 * * *', 'UTC');
    await second.started;
    expect(second.posts).toEqual([{ slot: '2025-03-07T12:00:00.000Z', catchUp: true, at: '2025-03-07T15:00:00.000Z' }]);
    await clock.advanceTo('2025-03-08T12:00:00Z', () => second.scheduler.idle());
    expect(second.posts.map((p) => [p.slot, p.catchUp])).toEqual([
      ['2025-03-07T12:00:00.000Z', true],
      ['2025-03-08T12:00:00.000Z', false],
    ]);
    await second.scheduler.stop();

    // A third start the same day finds the slot recorded and posts nothing.
    const third = startScheduler(clock, '0 12 * * *', 'UTC');
    await third.started;
    expect(third.posts).toEqual([]);
    await third.scheduler.stop();
  });

  it('does not "catch up" a slot from before Brief first ran with this schedule', async () => {
    const clock = createFakeClock('2025-03-07T15:00:00Z');
    const run = startScheduler(clock, '0 12 * * *', 'UTC');
    await run.started;
    expect(run.posts).toEqual([]);
    expect(await scheduleRow()).toMatchObject({
      cron: '0 12 * * *',
      time_zone: 'UTC',
      channel: 'C0ONCALL',
      since: '2025-03-07T15:00:00.000Z',
    });
    await run.scheduler.stop();
  });

  it('never posts a slot twice: not after a crash mid-post, not from a second scheduler at the same moment', async () => {
    const clock = createFakeClock('2025-03-03T08:00:00Z');
    // Brief dies during the post: the slot was claimed, the post never reported back.
    let postReached: () => void = () => undefined;
    const reached = new Promise<void>((resolve) => {
      postReached = resolve;
    });
    const crashed = startScheduler(clock, '0 12 * * *', 'UTC', () => {
      postReached();
      return new Promise<PostOutcome>(() => undefined);
    });
    await crashed.started;
    await clock.advanceTo('2025-03-03T12:00:00Z');
    await reached;
    expect(crashed.posts).toHaveLength(1);
    expect(await slotRecord('2025-03-03T12:00:00.000Z')).toMatchObject({ status: 'posting', channel: 'C0ONCALL' });

    // Restarted ten minutes later: the slot may have reached Slack, so it is not posted again.
    await clock.advanceTo('2025-03-03T12:10:00Z');
    const restarted = startScheduler(clock, '0 12 * * *', 'UTC');
    await restarted.started;
    expect(restarted.posts).toEqual([]);
    expect(restarted.logs.some((l) => /may or may not have reached Slack/.test(String(l.msg)))).toBe(true);

    // Two schedulers on the same state (a restart overlapping the old process) post the next slot once.
    const other = startScheduler(clock, '0 12 * * *', 'UTC');
    await other.started;
    await clock.advanceTo('2025-03-04T12:00:00Z', async () => {
      await restarted.scheduler.idle();
      await other.scheduler.idle();
    });
    expect(restarted.posts.length + other.posts.length).toBe(1);
    await restarted.scheduler.stop();
    await other.scheduler.stop();
  });

  it('records a failed or uncertain post and does not retry it', async () => {
    const clock = createFakeClock('2025-03-03T08:00:00Z');
    const run = startScheduler(clock, '0 12 * * *', 'UTC', async () => ({ status: 'unknown', error: 'socket hang up' }));
    await run.started;
    await clock.advanceTo('2025-03-03T13:00:00Z', () => run.scheduler.idle());
    expect(run.posts).toHaveLength(1);
    expect(await slotRecord('2025-03-03T12:00:00.000Z')).toMatchObject({ status: 'unknown', error: 'socket hang up' });
    expect(run.logs.some((l) => /not retried, to avoid posting it twice/.test(String(l.msg)))).toBe(true);
    await run.scheduler.stop();
  });

  it('posts only the latest slot when the timer fires days late, and chains timers beyond Node’s limit', async () => {
    const clock = createFakeClock('2025-03-03T08:00:00Z');
    const run = startScheduler(clock, '0 12 * * *', 'UTC');
    await run.started;
    // The machine slept: time jumps past four slots before the timer gets to run.
    expect(clock.pending().map((t) => t.at)).toEqual(['2025-03-03T12:00:00.000Z']);
    await clock.jumpTo('2025-03-06T18:00:00Z', () => run.scheduler.idle());
    expect(run.posts.map((p) => p.slot)).toEqual(['2025-03-06T12:00:00.000Z']);
    expect(clock.pending().map((t) => t.at)).toEqual(['2025-03-07T12:00:00.000Z']);
    await run.scheduler.stop();

    const yearly = createFakeClock('2025-03-03T08:00:00Z');
    const y = startScheduler(yearly, '0 9 1 1 *', 'UTC');
    await y.started;
    expect(yearly.pending()[0]?.ms).toBe(2 ** 31 - 1);
    await yearly.advanceTo('2026-01-01T09:00:00Z', () => y.scheduler.idle());
    expect(y.posts.map((p) => p.slot)).toEqual(['2026-01-01T09:00:00.000Z']);
    await y.scheduler.stop();
    expect(yearly.pending()).toEqual([]);
  });
});
