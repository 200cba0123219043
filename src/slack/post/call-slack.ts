/**
 * The one Retry-After loop: a call Slack answers with 429 did not happen, so it is made again after
 * the wait Slack asks for. Anything else goes back to the caller (see call-outcome.ts): a call that
 * may have landed is never repeated here.
 */
import { classifyCallError, type CallOutcome } from './call-outcome.ts';

export interface RetryAfterOptions {
  /** Waits `ms`; a rejection gives up (a closed alert queue). Default a real timer. */
  wait?: (ms: number) => Promise<void>;
  /** Most 429s in a row waited out; the next one is thrown. Default {@link DEFAULT_MAX_RATE_LIMIT_WAITS}. */
  maxWaits?: number;
  /** Least wait after a 429 (a channel's spacing). Default 0. */
  minWaitMs?: number;
  /** Told of each wait before it starts (for a log line). */
  onWait?: (retryAfterMs: number) => void;
}

/** 429s in a row waited out before giving up, where a caller does not say. */
export const DEFAULT_MAX_RATE_LIMIT_WAITS = 5;

const realWait = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

/** Runs `call`, waiting out Retry-After and calling again while Slack answers 429; throws what else it throws. */
export async function callSlack<T>(call: () => Promise<T>, options: RetryAfterOptions = {}): Promise<T> {
  const { wait = realWait, maxWaits = DEFAULT_MAX_RATE_LIMIT_WAITS, minWaitMs = 0, onWait } = options;
  for (let waits = 0; ; waits++) {
    try {
      return await call();
    } catch (err) {
      const failure = classifyCallError(err);
      const retryAfterMs = failure.status === 'failed' ? failure.retryAfterMs : undefined;
      if (retryAfterMs === undefined || waits >= maxWaits) throw err;
      onWait?.(retryAfterMs);
      await wait(Math.max(retryAfterMs, minWaitMs));
    }
  }
}

/** callSlack, with what it came to as a {@link CallOutcome} instead of a throw. */
export async function callSlackForOutcome<T>(call: () => Promise<T>, options: RetryAfterOptions = {}): Promise<CallOutcome<T>> {
  try {
    return { status: 'posted', result: await callSlack(call, options) };
  } catch (err) {
    return classifyCallError(err);
  }
}
