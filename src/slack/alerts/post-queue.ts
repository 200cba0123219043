/**
 * One queue per channel. Posts to a channel start at least `spacingMs` apart (Slack allows about
 * one message per second per channel), and when Slack answers 429 the queue waits out Retry-After
 * and runs the same post again, as often as it takes: a rate limit delays an alert, never loses
 * it (the Retry-After loop is post/call-slack.ts's, with no limit on waits). Other errors go back to
 * the caller. The Web client must not retry by itself (see post/web-client.ts), or its retries would
 * bypass this queue and could repeat a post.
 */
import type { Logger } from '../../logger.ts';
import { callSlack } from '../post/call-slack.ts';

export interface PostQueueOptions {
  /** Least time between the starts of two posts to one channel. Default 1100 ms. */
  spacingMs?: number;
  /** Clock in milliseconds. Default Date.now. */
  now?: () => number;
  /** Waits `ms`, rejecting early when `signal` aborts. Default a real timer. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export const DEFAULT_POST_QUEUE_OPTIONS: Required<PostQueueOptions> = {
  spacingMs: 1100,
  now: () => Date.now(),
  sleep: abortableSleep,
};

export class QueueClosedError extends Error {
  constructor() {
    super('the post queue is closed');
  }
}

export interface PostQueue {
  /** Runs `task` in `channel`'s turn, after the spacing, repeating it while Slack answers 429. */
  run<T>(channel: string, task: () => Promise<T>): Promise<T>;
  /** Stops waiting: queued and sleeping tasks reject with QueueClosedError. */
  close(): void;
  readonly signal: AbortSignal;
}

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new QueueClosedError());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new QueueClosedError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function createPostQueue(logger: Logger, options: PostQueueOptions = {}): PostQueue {
  const { spacingMs, now, sleep } = { ...DEFAULT_POST_QUEUE_OPTIONS, ...options };
  const controller = new AbortController();
  const tails = new Map<string, Promise<unknown>>();
  const lastStart = new Map<string, number>();

  /** One try in the channel's turn: at least `spacingMs` after the last start there. */
  const spaced = async <T>(channel: string, task: () => Promise<T>): Promise<T> => {
    if (controller.signal.aborted) throw new QueueClosedError();
    const wait = (lastStart.get(channel) ?? -Infinity) + spacingMs - now();
    if (wait > 0) await sleep(wait, controller.signal);
    lastStart.set(channel, now());
    return task();
  };

  const attempt = <T>(channel: string, task: () => Promise<T>): Promise<T> =>
    callSlack(() => spaced(channel, task), {
      maxWaits: Infinity,
      minWaitMs: spacingMs,
      wait: (ms) => sleep(ms, controller.signal),
      onWait: (ms) => logger.warn({ channel, retryAfterS: ms / 1000 }, 'Slack rate-limited the post; waiting, then posting it again'),
    });

  return {
    run(channel, task) {
      const next = (tails.get(channel) ?? Promise.resolve()).catch(() => undefined).then(() => attempt(channel, task));
      tails.set(channel, next);
      return next;
    },
    close: () => controller.abort(),
    signal: controller.signal,
  };
}
