/** Issue 15, item 1: the bot builds in a worker thread when the corpus has much text, not only many articles. */
import { describe, expect, it } from 'vitest';
import { WORKER_BUILD_FROM } from '../../src/corpus/build-engine.ts';
import { buildsInWorker, WORKER_BUILD_FROM_CHARS } from '../../src/corpus/live-corpus.ts';

const article = (chars: number) => ({ title: 'T', body: 'x'.repeat(chars) });

describe('when the live corpus builds in a worker', () => {
  it('builds a few very large articles in a worker (five 1.95 MB articles held the loop 11 s on the main thread)', () => {
    expect(buildsInWorker([article(1_950_000)])).toBe(true);
    expect(buildsInWorker(Array.from({ length: 5 }, () => article(1_950_000)))).toBe(true);
    expect(buildsInWorker([article(WORKER_BUILD_FROM_CHARS)])).toBe(true);
  });

  it('keeps a small corpus on the main thread, where a worker start would cost more than the build', () => {
    expect(buildsInWorker([article(2000), article(3000)])).toBe(false);
    expect(buildsInWorker([article(WORKER_BUILD_FROM_CHARS - 10)])).toBe(false);
  });

  it('still builds many small articles in a worker, and never when workers are off', () => {
    expect(buildsInWorker(Array.from({ length: WORKER_BUILD_FROM }, () => article(10)))).toBe(true);
    expect(buildsInWorker([article(5_000_000)], false)).toBe(false);
  });
});
