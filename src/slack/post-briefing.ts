/**
 * Posts a briefing's messages to a channel for the scheduler, never twice. The client given must
 * not retry by itself (see post/web-client.ts): a retry after a lost response would post again.
 * Only a 429 is retried (post/call-slack.ts), after Retry-After, because Slack did not take that message.
 */
import type { ChatPostMessageArguments } from '@slack/web-api';
import type { PostOutcome, Timers } from '../schedule/briefing-scheduler.ts';
import type { SlackMessage } from './blocks/briefing-blocks.ts';
import { callSlackForOutcome, DEFAULT_MAX_RATE_LIMIT_WAITS } from './post/call-slack.ts';

export interface PostingClient {
  chat: { postMessage(args: ChatPostMessageArguments): Promise<{ ts?: string }> };
}

export async function postBriefingMessages(
  client: PostingClient,
  channel: string,
  messages: readonly SlackMessage[],
  timers: Timers,
  maxRateLimitWaits = DEFAULT_MAX_RATE_LIMIT_WAITS,
): Promise<PostOutcome> {
  const ts: string[] = [];
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      timers.setTimeout(resolve, ms);
    });
  for (const message of messages) {
    const outcome = await callSlackForOutcome(
      () => client.chat.postMessage({ channel, blocks: message.blocks, text: message.text, unfurl_links: false, unfurl_media: false }),
      { wait, maxWaits: maxRateLimitWaits },
    );
    if (outcome.status === 'posted') {
      ts.push(outcome.result.ts ?? '');
      continue;
    }
    if (outcome.status === 'unknown') return { status: 'unknown', error: outcome.error, ts };
    return { status: 'failed', error: outcome.retryAfterMs !== undefined ? 'still rate limited' : outcome.error, ts };
  }
  return { status: 'posted', ts };
}
