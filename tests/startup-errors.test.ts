/** describeStartupError: the one line `npm start` prints for a start-up failure (the runs themselves: startup-errors.e2e.test.ts). */
import { describe, expect, it } from 'vitest';
import { describeStartupError } from '../src/startup-errors.ts';

describe('describeStartupError', () => {
  const config = { port: 3000, stateDir: '/srv/state', corpusDir: '/srv/corpus' };
  it('names the variable for errors that surface later', () => {
    expect(describeStartupError(Object.assign(new Error('x'), { code: 'ENOTDIR', path: '/srv/state/alerts.db' }), config)).toMatch(
      /^STATE_DIR \/srv\/state is not a folder/,
    );
    expect(
      describeStartupError(Object.assign(new Error('x'), { code: 'ENOENT', syscall: 'scandir', path: '/srv/corpus' }), config),
    ).toMatch(/^CORPUS_DIR \/srv\/corpus does not exist/);
    expect(
      describeStartupError(
        Object.assign(new Error('x'), { code: 'slack_webapi_platform_error', data: { error: 'token_revoked' } }),
        config,
      ),
    ).toMatch(/^SLACK_BOT_TOKEN was rejected by Slack \(token_revoked\)/);
  });
  it('leaves errors it does not know to the caller', () => {
    expect(describeStartupError(new Error('boom'), config)).toBeUndefined();
    expect(
      describeStartupError(Object.assign(new Error('x'), { code: 'slack_webapi_platform_error', data: { error: 'ratelimited' } }), config),
    ).toBeUndefined();
  });
});
