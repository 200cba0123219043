/** The BRIEFING_* environment variables: schema fragments, cross-checks and the typed result, for config.ts. */
import { z } from 'zod';
import { DEFAULT_TIME_ZONE } from '../core/defaults.ts';
import { describeCronProblem, isTimeZone } from './cron-schedule.ts';

export interface BriefingConfig {
  /** IANA time zone the schedule runs in and times are shown in. Default UTC. */
  timeZone: string;
  /** Scheduled briefings; absent when BRIEFING_CRON is not set. */
  schedule?: {
    cron: string;
    /** Channel id the briefing is posted to. */
    channel: string;
    /** User-group id (S…) pinged with each scheduled briefing. */
    mention?: string;
  };
}

/** BRIEFING_TZ: read by every command that shows a briefing (terminal and Slack). */
export const briefingTimeZoneShape = {
  BRIEFING_TZ: z
    .string()
    .trim()
    .default(DEFAULT_TIME_ZONE)
    .refine(isTimeZone, 'must be an IANA time zone such as UTC, Europe/London or America/New_York'),
};

/** The schedule: read by the bot only. */
export const briefingScheduleShape = {
  BRIEFING_CRON: z.string().trim().min(1).optional(),
  BRIEFING_CHANNEL: z
    .string()
    .trim()
    .regex(/^[CG][A-Z0-9]{2,}$/, 'must be a channel id like C0123ABCD (not a #name): open the channel → its name → About, at the bottom')
    .optional(),
  BRIEFING_MENTION: z
    .string()
    .trim()
    .regex(/^S[A-Z0-9]{2,}$/, 'must be a user-group id like S0123ABCD (not @name): People → User groups → the group → ⋮ → Copy group ID')
    .optional(),
};

/** Rules across the BRIEFING_* variables, each problem naming the variable. */
export function briefingCrossChecks(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const tz = env.BRIEFING_TZ ?? DEFAULT_TIME_ZONE;
  if (env.BRIEFING_CRON) {
    const problem = describeCronProblem(env.BRIEFING_CRON, isTimeZone(tz) ? tz : DEFAULT_TIME_ZONE);
    if (problem)
      problems.push(
        `BRIEFING_CRON is not a usable schedule (${problem}): use 5 fields "minute hour day month weekday", or 6 with seconds first, e.g. "0 7 * * 1-5" for 07:00 on weekdays`,
      );
    if (!env.BRIEFING_CHANNEL)
      problems.push('BRIEFING_CHANNEL is missing: BRIEFING_CRON is set, so give the channel id (C0123ABCD) to post briefings to');
  } else {
    for (const name of ['BRIEFING_CHANNEL', 'BRIEFING_MENTION'] as const) {
      if (env[name])
        problems.push(
          `${name} is set but BRIEFING_CRON is not: set BRIEFING_CRON (e.g. "0 7 * * 1-5") to post scheduled briefings, or unset ${name}`,
        );
    }
  }
  return problems;
}

export function toBriefingConfig(e: {
  BRIEFING_CRON?: string | undefined;
  BRIEFING_TZ: string;
  BRIEFING_CHANNEL?: string | undefined;
  BRIEFING_MENTION?: string | undefined;
}): BriefingConfig {
  const schedule =
    e.BRIEFING_CRON && e.BRIEFING_CHANNEL
      ? { cron: e.BRIEFING_CRON, channel: e.BRIEFING_CHANNEL, ...(e.BRIEFING_MENTION ? { mention: e.BRIEFING_MENTION } : {}) }
      : undefined;
  return Object.freeze({ timeZone: e.BRIEFING_TZ, ...(schedule ? { schedule: Object.freeze(schedule) } : {}) });
}
