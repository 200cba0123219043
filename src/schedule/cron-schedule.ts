/**
 * A cron expression in a time zone, as "the slot after / at-or-before this instant". croner does the
 * calendar work (time zones, DST gaps and repeats, seconds); it never runs timers here, so the
 * scheduler can be driven by an injected clock.
 */
import { Cron } from 'croner';
import { DEFAULT_TIME_ZONE } from '../core/defaults.ts';

export interface CronSchedule {
  readonly expression: string;
  readonly timeZone: string;
  /** The first slot strictly after `after`, or null if the expression never fires again. */
  next(after: Date): Date | null;
  /** The latest slot at or before `atOrBefore`, or null if there is none. */
  previous(atOrBefore: Date): Date | null;
}

/** Cron fields accepted: 5 (minute hour day month weekday) or 6 (with seconds first). */
export const CRON_MODE = '5-or-6-parts';

/** Throws with croner's own reason when the expression or the time zone is not usable. */
export function createCronSchedule(expression: string, timeZone = DEFAULT_TIME_ZONE): CronSchedule {
  if (!isTimeZone(timeZone)) throw new Error(`unknown time zone "${timeZone}": use an IANA name such as Europe/London or America/New_York`);
  const cron = new Cron(expression.trim(), { timezone: timeZone, mode: CRON_MODE, paused: true });
  if (!cron.nextRun(new Date(0)) && !cron.nextRun()) throw new Error(`"${expression}" never fires`);
  return {
    expression,
    timeZone,
    next: (after) => cron.nextRun(after),
    previous: (atOrBefore) => {
      // previousRuns counts a run in the same second as the reference; so does "at or before".
      const [latest] = cron.previousRuns(1, new Date(atOrBefore.getTime() + 1));
      return latest && latest.getTime() <= atOrBefore.getTime() ? latest : null;
    },
  };
}

/** Why a cron expression / time zone pair is unusable, or undefined when it is fine. */
export function describeCronProblem(expression: string, timeZone = DEFAULT_TIME_ZONE): string | undefined {
  try {
    createCronSchedule(expression, timeZone);
    return undefined;
  } catch (err) {
    return (err as Error).message.replace(/^CronPattern: /, '');
  }
}

export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return true;
  } catch {
    return false;
  }
}
