import { describe, expect, it } from 'vitest';
import { percentile } from '../../bench/slack-load.ts';

// The load benchmark's arithmetic; its runs (a spawned bot and client) are in slack-load.e2e.test.ts.
describe('bench: /brief under concurrent load', () => {
  it('takes percentiles by rank', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99)).toBe(10);
    expect(percentile([], 50)).toBeNaN();
  });
});
