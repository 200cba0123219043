/**
 * Long loops on the event loop, cut into slices of a few milliseconds with a turn of the loop
 * between them, so that a bot doing bulk work (scanning 17,800 files, recording every article's
 * sentences) still acks Slack requests within milliseconds. The work takes as long in total.
 */

/** Default longest stretch of work before yielding. */
export const SLICE_MS = 8;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** `fn` over `items` in order, yielding to the event loop whenever a stretch has run `sliceMs`. */
export async function mapInSlices<T, R>(items: Iterable<T>, fn: (item: T) => R, sliceMs = SLICE_MS): Promise<R[]> {
  const out: R[] = [];
  let since = performance.now();
  for (const item of items) {
    if (performance.now() - since > sliceMs) {
      await nextTurn();
      since = performance.now();
    }
    out.push(fn(item));
  }
  return out;
}
