/**
 * Posts a briefing's messages to a channel for the scheduler, never twice. The client given must
 * not retry by itself (see createPostingClient): a retry after a lost response would post again.
 * Only a 429 is retried here, after Retry-After, because Slack did not take that message.
 */
import { WebClient, type ChatPostMessageArguments } from '@slack/web-api';
import type { Config } from '../config.ts';
import type { PostOutcome, Timers } from '../schedule/briefing-scheduler.ts';
import type { SlackMessage } from './blocks/briefing-blocks.ts';

export interface PostingClient {
  chat: { postMessage(args: ChatPostMessageArguments): Promise<{ ts?: string }> };
}

/** How many 429s in a row are waited out before giving up. */
export const DEFAULT_MAX_RATE_LIMIT_WAITS = 5;

/** A Web API client with automatic retries off and 429s handed back, so a post is sent at most once. */
export function createPostingClient(slack: Config['slack']): WebClient {
  return new WebClient(slack.botToken, {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
}

type ErrorKind = { kind: 'rate-limited'; retryAfterMs: number } | { kind: 'rejected'; error: string } | { kind: 'ambiguous'; error: string };

/** Whether Slack certainly did not post (a 429, an API error) or the post may have landed (network, 5xx). */
export function classifyPostError(err: unknown): ErrorKind {
  const e = err as { code?: string; retryAfter?: number; data?: { error?: string }; message?: string };
  if (e.code === 'slack_webapi_rate_limited_error') return { kind: 'rate-limited', retryAfterMs: Math.max(1, e.retryAfter ?? 1) * 1000 };
  if (e.code === 'slack_webapi_platform_error') return { kind: 'rejected', error: e.data?.error ?? 'platform error' };
  return { kind: 'ambiguous', error: e.message ?? String(err) };
}

export async function postBriefingMessages(
  client: PostingClient,
  channel: string,
  messages: readonly SlackMessage[],
  timers: Timers,
  maxRateLimitWaits = DEFAULT_MAX_RATE_LIMIT_WAITS,
): Promise<PostOutcome> {
  const ts: string[] = [];
  for (const message of messages) {
    let waits = 0;
    for (;;) {
      try {
        const res = await client.chat.postMessage({ channel, blocks: message.blocks, text: message.text, unfurl_links: false, unfurl_media: false });
        ts.push(res.ts ?? '');
        break;
      } catch (err) {
        const c = classifyPostError(err);
        if (c.kind === 'rate-limited' && waits++ < maxRateLimitWaits) {
          await new Promise<void>((resolve) => { timers.setTimeout(resolve, c.retryAfterMs); });
          continue;
        }
        if (c.kind === 'ambiguous') return { status: 'unknown', error: c.error, ts };
        return { status: 'failed', error: c.kind === 'rejected' ? c.error : 'still rate limited', ts };
      }
    }
  }
  return { status: 'posted', ts };
}
