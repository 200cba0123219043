/** Tracks answers being worked on, so SIGTERM can let them finish before the process exits. */
export interface InFlight {
  /** Runs `work`, remembering it until it settles. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Resolves once nothing is in flight. */
  drain(): Promise<void>;
  readonly size: number;
}

export function createInFlight(): InFlight {
  const pending = new Set<Promise<unknown>>();
  return {
    run(work) {
      const p = work();
      pending.add(p);
      const forget = () => pending.delete(p);
      p.then(forget, forget);
      return p;
    },
    async drain() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
    get size() { return pending.size; },
  };
}

/**
 * Lets the event loop take pending I/O (other requests waiting for their ack) before this request
 * does its CPU work: under load every ack leaves first, and answers follow.
 */
export function yieldToAcks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
