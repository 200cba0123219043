/**
 * What is disputed: claims one source reports and another denies, both sides cited, and which
 * spoke last. Found between the story's events (the same words, opposite stances), so a report
 * carried by five outlets and a denial carried by three make one dispute, cited to the earliest of each. Pure.
 */
import { publishedDay } from './briefing-dates.ts';
import type { ClaimSide, DisputedClaim } from './briefing-types.ts';
import { stanceOf } from './stance.ts';
import { stancesAbout } from './story-words.ts';
import { citeArticle, eventSources, outletCount, type StoryEvent, type StoryEvents } from './timeline-events.ts';

export interface DisputeSectionOptions {
  /** Similarity (0…1) at which a denial is about the same claim as a report. Default 0.25. */
  sameClaim?: number;
  /** At most this many disputes, the most reported first. Default 3. */
  maxDisputes?: number;
}

export const DEFAULT_DISPUTE_SECTION_OPTIONS: Required<DisputeSectionOptions> = { sameClaim: 0.25, maxDisputes: 3 };

const side = (e: StoryEvent, stance: ClaimSide['stance']): ClaimSide => ({
  text: e.text,
  citation: eventSources(e)[0] ?? citeArticle(e.article, e.passageId),
  stance,
});
const dayOf = (s: ClaimSide) => publishedDay(s.citation.published);

/** Which side spoke last, by the dates of the sources (a side without any date cannot be placed). */
export function laterSide(claim: readonly ClaimSide[], against: readonly ClaimSide[]): DisputedClaim['later'] {
  const latest = (sides: readonly ClaimSide[]) =>
    sides
      .map(dayOf)
      .filter((d): d is string => !!d)
      .sort()
      .at(-1);
  const a = latest(claim);
  const b = latest(against);
  if (!a || !b || a === b) return 'unknown';
  return a > b ? 'claim' : 'against';
}

export function findDisputedClaims(story: StoryEvents, options: DisputeSectionOptions = {}): DisputedClaim[] {
  const o = { ...DEFAULT_DISPUTE_SECTION_OPTIONS, ...options };
  const { events, words } = story;
  // Events compare by their best pair of members (each report and the seed), stances on that pair.
  const heads = (e: StoryEvent) => e.members.filter((m) => m === e || m.kind === 'report');
  const closest = (a: StoryEvent, b: StoryEvent) => {
    let best = { score: 0, ma: a, mb: b };
    for (const ma of heads(a))
      for (const mb of heads(b)) {
        const score = story.sim(ma, mb);
        if (score > best.score) best = { score, ma, mb };
      }
    return best;
  };
  const sim = (a: StoryEvent, b: StoryEvent) => closest(a, b).score;
  const stances = (a: StoryEvent, b: StoryEvent) => {
    const { ma, mb } = closest(a, b);
    return stancesAbout(words, ma, mb);
  };
  const byClaim = new Map<StoryEvent, StoryEvent[]>();
  const order = new Map(events.map((e, i) => [e, i]));
  // Only events that could deny something (a denial verb, a negation) start a comparison.
  const mayDeny = (e: StoryEvent) => heads(e).some((m) => stanceOf(m.text, words.wordStems, m.stems) === 'denies');
  const pairs = new Map<StoryEvent, Set<StoryEvent>>();
  for (const d of events.filter(mayDeny)) {
    for (const other of story.related(d)) {
      const [a, b] = (order.get(d) ?? 0) < (order.get(other) ?? 0) ? [d, other] : [other, d];
      const set = pairs.get(a) ?? new Set<StoryEvent>();
      set.add(b);
      pairs.set(a, set);
    }
  }
  for (const [a, bs] of pairs) {
    for (const b of bs) {
      if (sim(a, b) < o.sameClaim) continue;
      const [sa, sb] = stances(a, b);
      if (sa === sb) continue;
      const [claim, denial] = sa === 'asserts' ? [a, b] : [b, a];
      const list = byClaim.get(claim) ?? [];
      list.push(denial);
      byClaim.set(claim, list);
    }
  }
  // A denial answers one claim: the most reported one it matches.
  const weight = (e: StoryEvent) => outletCount(eventSources(e)) * 10 + (e === story.first ? 5 : 0) + (e.date ? 1 : 0);
  const owner = new Map<StoryEvent, StoryEvent>();
  for (const [claim, denials] of byClaim)
    for (const d of denials) {
      const cur = owner.get(d);
      if (!cur || weight(claim) > weight(cur)) owner.set(d, claim);
    }
  const disputes: { weight: number; dispute: DisputedClaim }[] = [];
  for (const [claim, denials] of byClaim) {
    const against = denials.filter((d) => owner.get(d) === claim).sort((x, y) => weight(y) - weight(x));
    if (!against.length) continue;
    const claimSide = side(claim, 'asserts');
    const againstSides = against.map((d) => side(d, 'denies'));
    const lastDenial = againstSides
      .map(dayOf)
      .filter((d): d is string => !!d)
      .sort()
      .at(-1);
    // Later reports of the claim's side, after the denial, about what it denied: a confirmation.
    // The one closest to what was denied: a critic who takes the report for granted is not a confirmation.
    const confirmation = (e: StoryEvent) =>
      Math.max(0, ...against.filter((d) => sim(e, d) >= o.sameClaim && stances(e, d).join() === 'asserts,denies').map((d) => sim(e, d)));
    const confirmed = lastDenial
      ? events
          .filter((e) => e !== claim && !!e.date && e.date > lastDenial && confirmation(e) > 0)
          .sort((x, y) => confirmation(y) - confirmation(x))
          .slice(0, 1)
      : [];
    const confirmedBy = confirmed.map((e) => side(e, 'asserts'));
    disputes.push({
      weight: weight(claim) + against.reduce((s, d) => s + weight(d), 0),
      dispute: {
        claim: claimSide,
        against: againstSides,
        ...(confirmedBy.length ? { confirmedBy } : {}),
        later: laterSide([claimSide, ...confirmedBy], againstSides),
      },
    });
  }
  return disputes
    .sort((x, y) => y.weight - x.weight)
    .slice(0, o.maxDisputes)
    .map((d) => d.dispute);
}
