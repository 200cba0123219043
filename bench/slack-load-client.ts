/**
 * The load generator for bench/slack-load.ts, in its own process so that the fake Slack's work
 * (taking the answers at response_url) does not delay the client's reading of acks, and so the
 * client's own event-loop lag can be measured on its own. Forked with IPC; not run by hand.
 *
 * Sends signed `/brief` slash commands over keep-alive HTTP/1.1 (node:http, one socket per
 * in-flight request, reused) and reports, per request, when it was sent and how long the ack took.
 * Times are process.hrtime (CLOCK_MONOTONIC), which the parent shares, so it can measure answers.
 */
import { Agent, request } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { signatureHeaders, slashCommandBody } from '../tests/slack/slack-requests.ts';

export type LoadModel = 'answer' | 'ack' | 'rate';

export interface ClientStart {
  type: 'start';
  url: string;
  /** response_url for request i is `${responseBase}${i}`. */
  responseBase: string;
  questions: readonly string[];
  requests: number;
  concurrency: number;
  model: LoadModel;
  /** Requests per second (model `rate`). */
  rate: number;
  seed: number;
}
/** The parent tells the client an answer reached response_url (model `answer` waits for it). */
export interface ClientAnswered {
  type: 'answered';
  i: number;
}
export type ToClient = ClientStart | ClientAnswered;

export interface LagStats {
  p50: number;
  p99: number;
  max: number;
}
export interface ClientDone {
  type: 'done';
  /** hrtime (ms) each request was sent, by index; NaN if never sent. */
  sentAt: number[];
  /** Ack latency (ms) by index; NaN for a failed request. */
  ackMs: number[];
  statuses: number[];
  /** Event-loop delay of this process during the run, ms beyond the sampling interval. */
  lag: LagStats;
  /** Model `rate`: how late sends left against their schedule, ms (client lag, not the bot's). */
  lateP99: number;
  lateMax: number;
}

/** Model `answer`: how long a user waits for an answer before sending the next request anyway. */
export const ANSWER_TIMEOUT_MS = 30_000;

export const hrMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Event-loop delay sampled every `resolutionMs`; the histogram holds whole intervals, so the interval is taken off. */
export function lagMonitor(resolutionMs = 1): { stop(): LagStats } {
  const h = monitorEventLoopDelay({ resolution: resolutionMs });
  h.enable();
  const ms = (ns: number) => Math.max(0, ns / 1e6 - resolutionMs);
  return {
    stop() {
      h.disable();
      return { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max) };
    },
  };
}

/** A small seeded PRNG (mulberry32), so open-loop arrivals are the same run to run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function run(start: ClientStart, onAnswered: (fn: (i: number) => void) => void): Promise<Omit<ClientDone, 'type' | 'lag'>> {
  const target = new URL(start.url);
  const agent = new Agent({ keepAlive: true, maxSockets: start.model === 'rate' ? Infinity : start.concurrency });
  const sentAt = new Array<number>(start.requests).fill(Number.NaN);
  const ackMs = new Array<number>(start.requests).fill(Number.NaN);
  const statuses = new Array<number>(start.requests).fill(0);
  const answerWaiters = new Map<number, () => void>();
  const answered = new Set<number>();
  onAnswered((i) => {
    const waiter = answerWaiters.get(i);
    if (waiter) {
      answerWaiters.delete(i);
      waiter();
    } else answered.add(i);
  });
  // A lost answer must not stall its user for good: after this long it counts as an error (the parent sees no answer).
  const waitAnswer = (i: number) =>
    new Promise<void>((resolve) => {
      if (answered.delete(i)) return resolve();
      const timer = setTimeout(() => {
        answerWaiters.delete(i);
        resolve();
      }, ANSWER_TIMEOUT_MS);
      answerWaiters.set(i, () => {
        clearTimeout(timer);
        resolve();
      });
    });

  const send = (i: number): Promise<void> =>
    new Promise((resolve) => {
      const body = slashCommandBody(start.questions[i % start.questions.length]!, `${start.responseBase}${i}`);
      const t0 = hrMs();
      sentAt[i] = t0;
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': Buffer.byteLength(body),
            ...signatureHeaders(body),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            statuses[i] = res.statusCode ?? 0;
            if (res.statusCode === 200) ackMs[i] = hrMs() - t0;
            resolve();
          });
        },
      );
      req.on('error', () => {
        statuses[i] = -1;
        resolve();
      });
      req.end(body);
    });

  const finish = () => {
    agent.destroy();
    return { sentAt, ackMs, statuses, lateP99: 0, lateMax: 0 };
  };

  if (start.model === 'rate') {
    // Open loop: Poisson arrivals at `rate`, sent on schedule whatever the bot is doing (as Slack does).
    const rnd = random(start.seed);
    const due: number[] = [];
    let t = 0;
    for (let i = 0; i < start.requests; i++) {
      t += -Math.log(1 - rnd()) * (1000 / start.rate);
      due.push(t);
    }
    const late: number[] = [];
    const pending: Promise<void>[] = [];
    return new Promise((resolve) => {
      const t0 = hrMs();
      let next = 0;
      const tick = () => {
        const now = hrMs() - t0;
        while (next < start.requests && due[next]! <= now) {
          late.push(now - due[next]!);
          pending.push(send(next++));
        }
        if (next < start.requests) setTimeout(tick, Math.max(0, due[next]! - (hrMs() - t0)));
        else {
          void Promise.all(pending).then(() => {
            late.sort((a, b) => a - b);
            resolve({ ...finish(), lateP99: late[Math.ceil(0.99 * late.length) - 1] ?? 0, lateMax: late.at(-1) ?? 0 });
          });
        }
      };
      tick();
    });
  }

  // Closed loop: `concurrency` users, each sending again once its previous request is done: at the
  // ack (model `ack`), or once the answer has reached response_url too (model `answer`).
  let next = 0;
  const user = async () => {
    while (next < start.requests) {
      const i = next++;
      if (start.model === 'answer') {
        const answer = waitAnswer(i);
        await send(i);
        if (statuses[i] === 200) await answer;
        else answerWaiters.delete(i);
      } else {
        await send(i);
      }
    }
  };
  return Promise.all(Array.from({ length: start.concurrency }, user)).then(finish);
}

// Only when forked as the load client (the parent imports the helpers above).
if (process.send && import.meta.url === `file://${process.argv[1]}`) {
  const listeners: ((i: number) => void)[] = [];
  process.on('message', (msg: ToClient) => {
    if (msg.type === 'answered') {
      for (const fn of listeners) fn(msg.i);
      return;
    }
    const lag = lagMonitor();
    void run(msg, (fn) => listeners.push(fn)).then((result) => {
      const done: ClientDone = { type: 'done', ...result, lag: lag.stop() };
      process.send!(done);
    });
  });
}
