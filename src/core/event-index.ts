/**
 * Which events a candidate is compared with. A dated candidate only joins an event of its day (a
 * report: of the days before, within the lag), so it is compared with those; an undated one with
 * every event, or, past a few hundred events, with those sharing one of its rarest words (postings
 * of each event's seed and reports), so thousands of articles are not compared pair by pair. Pure.
 */
import { DAY_MS } from './event-candidates.ts';
import type { StoryEvent } from './story-events.ts';

/** How many of a candidate's rarest words find the events it is compared with. */
const RARE_WORDS = 8;
/** Up to this many events, an undated candidate (and a possible dispute) is compared with every event. */
export const EXHAUSTIVE_UP_TO = 500;

export interface EventIndex {
  /** Records `c`, which seeded `owner` (`owner === c`) or joined it. */
  add(owner: StoryEvent, c: StoryEvent): void;
  /** The events `c` may join, among `events` (all so far). */
  near(c: StoryEvent, events: readonly StoryEvent[]): Iterable<StoryEvent>;
  /** The events of `kept` worth comparing with `e` (sharing a rare word, or all in a small corpus). */
  related(e: StoryEvent, kept: readonly StoryEvent[]): StoryEvent[];
}

export function createEventIndex(idf: (stem: string) => number, reportLagDays: number): EventIndex {
  const postings = new Map<string, StoryEvent[]>();
  const onDay = new Map<string, StoryEvent[]>();
  const rareOf = new Map<StoryEvent, string[]>();
  const rare = (c: StoryEvent) => {
    let r = rareOf.get(c);
    if (!r) {
      r = [...new Set(c.matchSets.flatMap((s) => [...s]))].sort((x, y) => idf(y) - idf(x)).slice(0, RARE_WORDS);
      rareOf.set(c, r);
    }
    return r;
  };
  const post = (e: StoryEvent, m: StoryEvent) => {
    for (const t of rare(m)) {
      const list = postings.get(t);
      if (!list) postings.set(t, [e]);
      else if (list.at(-1) !== e) list.push(e);
    }
  };
  const sharing = (of: readonly StoryEvent[]) => {
    const found = new Set<StoryEvent>();
    for (const m of of) for (const t of rare(m)) for (const e of postings.get(t) ?? []) found.add(e);
    return found;
  };
  return {
    add(owner, c) {
      if (owner === c || c.kind === 'report') post(owner, c);
      if (owner === c && c.date) {
        const list = onDay.get(c.date);
        if (list) list.push(c);
        else onDay.set(c.date, [c]);
      }
    },
    near(c, events) {
      if (c.date) {
        const days =
          c.kind === 'sentence'
            ? [c.date]
            : Array.from({ length: reportLagDays + 1 }, (_, i) =>
                new Date(Date.parse(`${c.date}T00:00:00Z`) - i * DAY_MS).toISOString().slice(0, 10),
              );
        return days.flatMap((d) => onDay.get(d) ?? []);
      }
      return events.length <= EXHAUSTIVE_UP_TO ? events : sharing([c]);
    },
    related(e, kept) {
      if (kept.length <= EXHAUSTIVE_UP_TO) return kept.filter((x) => x !== e);
      const keep = new Set(kept);
      return [...sharing(e.members.filter((m) => m === e || m.kind === 'report'))].filter((x) => x !== e && keep.has(x));
    },
  };
}
