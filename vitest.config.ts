import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * `npm test`: unit tests and in-process Slack tests (the real Bolt app on loopback against the fake
 * Slack, real files, real SQLite), fast enough to run on every change.
 *
 * The rule for what is not here: a test that spawns a process (src/main.ts or src/cli.ts runs,
 * kill -9, replicas, the benchmark harness) or drives the whole bot through a real watched folder
 * and wall-clock timers is an end-to-end test, named `*.e2e.test.ts`, and runs in
 * `npm run test:e2e` (vitest.e2e.config.ts). CI (.ci/run) runs both.
 */
export const E2E_TESTS = 'tests/**/*.e2e.test.ts';

/**
 * Files that keep a worker busy for seconds (CPU: the SQuAD sample, index builds in worker threads).
 * Vitest starts the slowest files first from its cache of durations; a fresh clone has none, and
 * the SQuAD file (6 s) started last added those seconds to the run. These go first either way.
 */
const SLOW_FIRST = ['tests/core/squad-quality.test.ts', 'tests/corpus/build-in-worker.test.ts'];

class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = SLOW_FIRST.findIndex((name) => f.moduleId.endsWith(name));
      return i < 0 ? SLOW_FIRST.length : i;
    };
    // Array.prototype.sort is stable: the rest keep vitest's order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: [...configDefaults.exclude, E2E_TESTS],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Threads, and one module graph per worker (isolate: false): each file re-imported Bolt, pino,
    // MiniSearch and the src graph in a fresh fork, 45 s of import time in all on 2 cores; shared,
    // it is 6 s. Tests keep their state in their own files' scope or temp folders, so nothing leaks.
    pool: 'threads',
    isolate: false,
    // Most of the time is spent waiting on loopback HTTP, SQLite and timers: at least two workers
    // even where vitest's default (one fewer than the cores) would give one.
    maxWorkers: Math.max(2, availableParallelism()),
    sequence: { sequencer: SlowFirstSequencer },
  },
});
