import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.ts';

const http = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'shh' };

describe('parseConfig', () => {
  it('reads HTTP mode with defaults, frozen', () => {
    const config = parseConfig(http);
    expect(config).toMatchObject({
      slack: { mode: 'http', botToken: 'xoxb-1', signingSecret: 'shh' },
      port: 3000,
      corpusDir: 'corpus',
      stateDir: 'state',
      logLevel: 'info',
      alertChannels: [],
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('chooses Socket Mode when an app token is set, without a signing secret', () => {
    expect(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack).toEqual({
      botToken: 'xoxb-1',
      mode: 'socket',
      appToken: 'xapp-1',
    });
  });

  it('reports every problem at once, naming the variable', () => {
    try {
      parseConfig({ SLACK_BOT_TOKEN: 'nope', PORT: '99999', SLACK_API_URL: 'ftp://x', ALERT_CHANNEL: '#general', LOG_LEVEL: '' });
      expect.unreachable('should have thrown');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      for (const name of [
        'SLACK_BOT_TOKEN must start with xoxb-',
        'PORT',
        'SLACK_API_URL',
        'ALERT_CHANNEL must be channel ids',
        'SLACK_SIGNING_SECRET is missing',
      ]) {
        expect(problems).toContain(name);
      }
    }
  });

  it('reads DATABASE_URL for PostgreSQL, SQLite without it, and never echoes a bad URL', () => {
    expect(parseConfig(http).databaseUrl).toBeUndefined();
    expect(parseConfig({ ...http, DATABASE_URL: 'postgres://brief:pw@db:5432/brief' }).databaseUrl).toBe(
      'postgres://brief:pw@db:5432/brief',
    );
    expect(parseConfig({ ...http, DATABASE_URL: 'postgresql://db/brief' }).databaseUrl).toBe('postgresql://db/brief');
    try {
      parseConfig({ ...http, DATABASE_URL: 'mysql://brief:hunter2@db/brief' });
      expect.unreachable('should have thrown');
    } catch (err) {
      expect((err as ConfigError).problems.join('\n')).toMatch(/DATABASE_URL must be a PostgreSQL URL/);
      expect((err as ConfigError).message).not.toContain('hunter2');
    }
  });

  it('reads feed polling settings, with durations', () => {
    expect(parseConfig(http).feeds).toBeUndefined();
    expect(parseConfig({ ...http, FEEDS: 'feeds.txt', FEED_INTERVAL: '5m' }).feeds).toEqual({
      file: 'feeds.txt',
      intervalMs: 300_000,
      backfillWindowMs: 86_400_000,
    });
    expect(() => parseConfig({ ...http, FEED_INTERVAL: 'often' })).toThrow(/FEED_INTERVAL must be a positive duration/);
  });

  it('treats empty values as unset and splits channel lists', () => {
    expect(parseConfig({ ...http, PORT: '', ALERT_CHANNEL: 'C01ABC, C02DEF' })).toMatchObject({
      port: 3000,
      alertChannels: ['C01ABC', 'C02DEF'],
    });
  });
});
