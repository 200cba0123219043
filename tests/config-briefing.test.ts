import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.ts';

const http = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'shh' };
const problemsOf = (env: Record<string, string>) => {
  try {
    parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.join('\n');
    throw err;
  }
  throw new Error('expected a ConfigError');
};

describe('BRIEFING_* configuration', () => {
  it('defaults to UTC and no schedule', () => {
    expect(parseConfig(http).briefing).toEqual({ timeZone: 'UTC' });
  });

  it('reads a 5- or 6-field schedule with its time zone, channel and on-call group', () => {
    const config = parseConfig({
      ...http,
      BRIEFING_CRON: '0 7 * * 1-5',
      BRIEFING_TZ: 'Europe/London',
      BRIEFING_CHANNEL: 'C0ONCALL',
      BRIEFING_MENTION: 'S0ONCALL',
    });
    expect(config.briefing).toEqual({
      timeZone: 'Europe/London',
      schedule: { cron: '0 7 * * 1-5', channel: 'C0ONCALL', mention: 'S0ONCALL' },
    });
    expect(Object.isFrozen(config.briefing)).toBe(true);
    expect(parseConfig({ ...http, BRIEFING_CRON: '30 0 7 * * *', BRIEFING_CHANNEL: 'C0ONCALL' }).briefing?.schedule?.cron).toBe(
      '30 0 7 * * *',
    );
  });

  it('names each bad variable at start-up, with what to put instead', () => {
    const problems = problemsOf({ ...http, BRIEFING_CRON: '0 7 * *', BRIEFING_TZ: 'Mars/Base', BRIEFING_MENTION: '@oncall' });
    expect(problems).toMatch(/BRIEFING_CRON is not a usable schedule \(.*five, six.*\): use 5 fields/);
    expect(problems).toMatch(/BRIEFING_TZ must be an IANA time zone/);
    expect(problems).toMatch(/BRIEFING_MENTION must be a user-group id like S0123ABCD/);
    expect(problems).toMatch(/BRIEFING_CHANNEL is missing: BRIEFING_CRON is set/);
  });

  it('rejects 7-field cron, impossible dates, #names and a channel without a schedule', () => {
    expect(problemsOf({ ...http, BRIEFING_CRON: '0 0 7 * * * 2026', BRIEFING_CHANNEL: 'C0ONCALL' })).toMatch(/BRIEFING_CRON .*7 parts/);
    expect(problemsOf({ ...http, BRIEFING_CRON: '0 7 30 2 *', BRIEFING_CHANNEL: 'C0ONCALL' })).toMatch(/BRIEFING_CRON .*never fires/);
    expect(problemsOf({ ...http, BRIEFING_CRON: '0 7 * * *', BRIEFING_CHANNEL: '#desk' })).toMatch(/BRIEFING_CHANNEL must be a channel id/);
    expect(problemsOf({ ...http, BRIEFING_CHANNEL: 'C0ONCALL' })).toMatch(/BRIEFING_CHANNEL is set but BRIEFING_CRON is not/);
  });
});
