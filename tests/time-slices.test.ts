import { describe, expect, it } from 'vitest';
import { mapInSlices } from '../src/time-slices.ts';

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    /* hold the thread */
  }
};

describe('mapInSlices', () => {
  it('maps in order and lets other work run between slices', async () => {
    let ranBetween = false;
    setImmediate(() => {
      ranBetween = true;
    });
    const seen: boolean[] = [];
    const out = await mapInSlices(
      [1, 2, 3, 4],
      (n) => {
        seen.push(ranBetween);
        busy(3);
        return n * 10;
      },
      1,
    );
    expect(out).toEqual([10, 20, 30, 40]);
    // The first item ran before anything else could; after a slice of 1 ms the loop turned.
    expect(seen[0]).toBe(false);
    expect(seen.at(-1)).toBe(true);
  });

  it('takes any iterable, a Map included', async () => {
    expect(
      await mapInSlices(
        new Map([
          ['a', 1],
          ['b', 2],
        ]),
        ([k, v]) => `${k}${v}`,
      ),
    ).toEqual(['a1', 'b2']);
  });
});
