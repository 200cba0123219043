import { describe, expect, it } from 'vitest';
import { WebAPIRateLimitedError, WebAPIPlatformError } from '@slack/web-api';
import type { SlackMessage } from '../../src/slack/blocks/briefing-blocks.ts';
import { postBriefingMessages, type PostingClient } from '../../src/slack/post-briefing.ts';
import { classifyCallError } from '../../src/slack/post/call-outcome.ts';
import { createFakeClock } from '../schedule/fake-clock.ts';

const messages: SlackMessage[] = [
  { blocks: [], text: 'part 1' },
  { blocks: [], text: 'part 2' },
];

/** A client that replays scripted results in order: a string is a ts, an Error is thrown. */
function scriptedClient(script: (string | Error)[]): PostingClient & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    chat: {
      async postMessage(args) {
        const next = script.shift();
        if (next instanceof Error) throw next;
        sent.push(String((args as { text?: string }).text));
        return { ts: next ?? 'x' };
      },
    },
  };
}

describe('postBriefingMessages', () => {
  it('waits out a 429 (Slack did not take the message) and sends each message once', async () => {
    const clock = createFakeClock('2025-03-03T12:00:00Z');
    const client = scriptedClient([new WebAPIRateLimitedError(3), '1.1', '1.2']);
    const result = postBriefingMessages(client, 'C1', messages, clock.timers);
    await new Promise((r) => setImmediate(r));
    expect(clock.pending().map((t) => t.ms)).toEqual([3000]);
    await clock.advanceTo('2025-03-03T12:00:03Z');
    expect(await result).toEqual({ status: 'posted', ts: ['1.1', '1.2'] });
    expect(client.sent).toEqual(['part 1', 'part 2']);
  });

  it('stops at an error Slack returns (nothing posted) and at one that may have posted, never retrying', async () => {
    const clock = createFakeClock('2025-03-03T12:00:00Z');
    const rejected = new WebAPIPlatformError({ ok: false, error: 'not_in_channel' } as never);
    expect(await postBriefingMessages(scriptedClient([rejected]), 'C1', messages, clock.timers)).toEqual({
      status: 'failed',
      error: 'not_in_channel',
      ts: [],
    });
    const lost = Object.assign(new Error('socket hang up'), { code: 'slack_webapi_request_error' });
    const client = scriptedClient(['1.1', lost, '1.3']);
    expect(await postBriefingMessages(client, 'C1', messages, clock.timers)).toEqual({
      status: 'unknown',
      error: 'socket hang up',
      ts: ['1.1'],
    });
    expect(client.sent).toEqual(['part 1']);
    expect(clock.pending()).toEqual([]);
  });

  it('classifies errors by whether Slack certainly did not post', () => {
    expect(classifyCallError(new WebAPIRateLimitedError(2))).toEqual({ status: 'failed', error: 'ratelimited', retryAfterMs: 2000 });
    expect(classifyCallError({ code: 'slack_webapi_http_error', message: 'HTTP 500' })).toEqual({ status: 'unknown', error: 'HTTP 500' });
  });
});
