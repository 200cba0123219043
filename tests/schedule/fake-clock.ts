/** A clock and timers that move only when told: schedules are tested without sleeping. */
import type { Timers } from '../../src/schedule/briefing-scheduler.ts';

export interface FakeClock {
  now(): Date;
  timers: Timers;
  /** Moves time forward to `iso`, firing due timers in order and letting each one's work settle. */
  advanceTo(iso: string, settle?: () => Promise<unknown>): Promise<void>;
  /** Jumps to `iso` first, then fires what is due: timers that fire late, as after a machine sleeps. */
  jumpTo(iso: string, settle?: () => Promise<unknown>): Promise<void>;
  /** Timers waiting, as [due time ISO, delay asked]. */
  pending(): { at: string; ms: number }[];
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createFakeClock(startIso: string): FakeClock {
  let now = Date.parse(startIso);
  let nextId = 0;
  const waiting = new Map<number, { at: number; ms: number; fn: () => void }>();
  return {
    now: () => new Date(now),
    timers: {
      setTimeout(fn, ms) {
        const id = ++nextId;
        waiting.set(id, { at: now + ms, ms, fn });
        return id;
      },
      clearTimeout(handle) {
        waiting.delete(handle as number);
      },
    },
    async advanceTo(iso, settle) {
      const target = Date.parse(iso);
      for (;;) {
        const due = [...waiting.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        waiting.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
        for (let i = 0; i < 5; i++) await tick();
        if (settle) await settle();
        for (let i = 0; i < 5; i++) await tick();
      }
      now = Math.max(now, target);
    },
    async jumpTo(iso, settle) {
      now = Math.max(now, Date.parse(iso));
      await this.advanceTo(iso, settle);
    },
    pending: () => [...waiting.values()].map((t) => ({ at: new Date(t.at).toISOString(), ms: t.ms })),
  };
}
