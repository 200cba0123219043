import { defineConfig } from 'vitest/config';
import { E2E_TESTS } from './vitest.config.ts';

/**
 * `npm run test:e2e`: the end-to-end tests (see vitest.config.ts for the rule): child processes of
 * src/main.ts and src/cli.ts, kill -9 and replica runs, start-up failures, the benchmark smoke runs,
 * and the whole bot over a real watched corpus folder.
 */
export default defineConfig({
  test: {
    include: [E2E_TESTS],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
