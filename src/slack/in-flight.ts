/**
 * Answers being worked on after their ack. Each waits its turn with the acks of other requests
 * (createAnswerTurns) and is tracked until it settles, so SIGTERM can let it finish.
 */
export interface InFlight {
  /** Runs `work` once it is its turn (see createAnswerTurns), remembering it from now until it settles. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Resolves once nothing is in flight. */
  drain(): Promise<void>;
  readonly size: number;
}

export function createInFlight(turns: AnswerTurns = createAnswerTurns()): InFlight {
  const pending = new Set<Promise<unknown>>();
  return {
    run(work) {
      // In flight from the moment it is queued, so a shutdown waits for an answer still waiting its turn.
      const p = turns.wait().then(work);
      pending.add(p);
      const forget = () => pending.delete(p);
      p.then(forget, forget);
      return p;
    },
    async drain() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
    get size() {
      return pending.size;
    },
  };
}

/**
 * Most an answer waits behind acks before it runs whatever else is waiting. Below capacity answers
 * never wait this long; when acks alone could fill every turn (a sender that never waits for
 * answers), answers still go out, this late at most plus their own work.
 */
export const MAX_ANSWER_WAIT_MS = 50;

export interface AnswerTurns {
  /** Resolves when this answer may do its CPU work. */
  wait(): Promise<void>;
  readonly waiting: number;
}

/**
 * Answers take turns: one waiting answer does its CPU work per event-loop turn, then the loop polls
 * for I/O again, where requests waiting for their ack are. Slack gives an ack 3 s and users see the
 * answer, so an ack should not wait behind a batch of answers: with every waiting answer run in one
 * go (a bare setImmediate each), a request arriving meanwhile waited for all of them. Answers that
 * have waited `maxWaitMs` all run in the next turn, so a flood of requests cannot starve them.
 */
export function createAnswerTurns(options: { maxWaitMs?: number; now?: () => number } = {}): AnswerTurns {
  const maxWaitMs = options.maxWaitMs ?? MAX_ANSWER_WAIT_MS;
  const now = options.now ?? (() => performance.now());
  const queue: { go: () => void; since: number }[] = [];
  let scheduled = false;
  const turn = () => {
    queue.shift()?.go();
    const overdue = now() - maxWaitMs;
    while (queue.length && queue[0]!.since <= overdue) queue.shift()!.go();
    if (queue.length) setImmediate(turn);
    else scheduled = false;
  };
  return {
    wait: () =>
      new Promise<void>((go) => {
        queue.push({ go, since: now() });
        if (!scheduled) {
          scheduled = true;
          setImmediate(turn);
        }
      }),
    get waiting() {
      return queue.length;
    },
  };
}
