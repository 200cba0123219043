import { describe, expect, it } from 'vitest';
import { createAnswerTurns, createInFlight } from '../../src/slack/in-flight.ts';

/** One event-loop turn: resolves after the setImmediate callbacks queued before it. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('answers take turns with acks', () => {
  it('lets one waiting answer run per event-loop turn, in arrival order', async () => {
    const turns = createAnswerTurns({ now: () => 0 });
    const ran: number[] = [];
    for (const i of [1, 2, 3]) void turns.wait().then(() => ran.push(i));
    expect(turns.waiting).toBe(3);
    await nextTurn();
    expect(ran).toEqual([1]);
    await nextTurn();
    expect(ran).toEqual([1, 2]);
    await nextTurn();
    expect(ran).toEqual([1, 2, 3]);
    expect(turns.waiting).toBe(0);
  });

  it('runs every answer that has waited too long in the next turn, so acks cannot starve answers', async () => {
    let clock = 0;
    const turns = createAnswerTurns({ maxWaitMs: 50, now: () => clock });
    const ran: number[] = [];
    for (const i of [1, 2, 3]) void turns.wait().then(() => ran.push(i));
    clock = 40;
    void turns.wait().then(() => ran.push(4));
    clock = 60;
    await nextTurn();
    expect(ran).toEqual([1, 2, 3]);
    await nextTurn();
    expect(ran).toEqual([1, 2, 3, 4]);
  });

  it('starts again after going idle', async () => {
    const turns = createAnswerTurns();
    await turns.wait();
    await turns.wait();
    expect(turns.waiting).toBe(0);
  });

  it('in-flight answers wait their turn, and count as in flight while they wait', async () => {
    const inFlight = createInFlight(createAnswerTurns({ now: () => 0 }));
    const ran: number[] = [];
    const all = [1, 2].map((i) =>
      inFlight.run(async () => {
        ran.push(i);
      }),
    );
    expect(inFlight.size).toBe(2);
    expect(ran).toEqual([]);
    await nextTurn();
    expect(ran).toEqual([1]);
    await inFlight.drain();
    await Promise.all(all);
    expect(ran).toEqual([1, 2]);
    expect(inFlight.size).toBe(0);
  });
});
