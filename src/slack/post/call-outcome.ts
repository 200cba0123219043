/**
 * The one classifier of a call to Slack that threw: did Slack certainly not take it, or may it have
 * landed? A post is repeated only when Slack certainly did not take it, so nothing is posted twice.
 */
import { webApi } from '@slack/bolt';

/** Why a call did not succeed. */
export type CallFailure =
  /**
   * Not posted: Slack answered and refused (a platform error, `ok: false`, or a 429, whose wait is
   * `retryAfterMs`). Nothing reached the channel; repeating it is safe.
   */
  | { status: 'failed'; error: string; retryAfterMs?: number }
  /** No answer from Slack (timeout, network error, 5xx): the call may have landed. */
  | { status: 'unknown'; error: string };

/** What a call came to: `posted` (Slack took it) with its result, or why not. */
export type CallOutcome<T> = { status: 'posted'; result: T } | CallFailure;

export function classifyCallError(err: unknown): CallFailure {
  const e = err as { code?: unknown; retryAfter?: unknown; data?: { error?: unknown }; message?: unknown } | undefined;
  if (e?.code === webApi.ErrorCode.RateLimitedError) {
    const seconds = typeof e.retryAfter === 'number' ? e.retryAfter : 1;
    return { status: 'failed', error: 'ratelimited', retryAfterMs: Math.max(1, seconds) * 1000 };
  }
  if (e?.code === webApi.ErrorCode.PlatformError) {
    return { status: 'failed', error: typeof e.data?.error === 'string' ? e.data.error : 'platform error' };
  }
  return { status: 'unknown', error: typeof e?.message === 'string' ? e.message : String(err) };
}
