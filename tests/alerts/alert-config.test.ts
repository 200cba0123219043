import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.ts';

const http = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'shh' };

describe('alert settings', () => {
  it('default to a one-second settle and a digest from five articles', () => {
    expect(parseConfig(http)).toMatchObject({ corpusSettleMs: 1000, alertDigestAt: 5 });
    expect(parseConfig({ ...http, CORPUS_SETTLE_MS: '250', ALERT_DIGEST_AT: '3' })).toMatchObject({
      corpusSettleMs: 250,
      alertDigestAt: 3,
    });
  });

  it('name a bad value and what is allowed', () => {
    try {
      parseConfig({ ...http, CORPUS_SETTLE_MS: 'soon', ALERT_DIGEST_AT: '1' });
      expect.unreachable('should have thrown');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toContain('CORPUS_SETTLE_MS must be a number of milliseconds');
      expect(problems).toContain('ALERT_DIGEST_AT must be at least 2');
    }
  });
});
