/**
 * The story's events: candidates (each on-story article's report, each dated sentence) that tell the
 * same thing on the same day, or a report of it a few days later, or an undated copy, merge into one
 * event, cited to every outlet that carries it. Off-story articles (low story centrality) and
 * background dates long before the first report are left out. Pure.
 */
import type { Analyzer } from './analyzer.ts';
import { datesFit, daysBetween, eventCandidates, mentionsOutlet } from './event-candidates.ts';
import { createEventIndex } from './event-index.ts';
import type { TimelineEntry } from './briefing-types.ts';
import { corpusCohesion, storyCentrality } from './story-centrality.ts';
import { idfOver, similarity, stancesAbout, storyWords, type StoryWords } from './story-words.ts';
import type { Article, Passage } from './types.ts';

export interface TimelineOptions {
  /** At most this many events, the most reported kept (the first report always). Default 12; `Infinity` for all. */
  maxEvents?: number;
  /** Similarity (0…1) at which two candidates tell the same event. Default 0.33. */
  sameEvent?: number;
  /** Days after an event that another outlet's report of it still merges into it. Default 7. */
  reportLagDays?: number;
  /** Dates more than this many days before the first report are background, not events. Default 31. */
  backgroundDays?: number;
  /** Story centrality below which an article is off-story, when the corpus is one story. Default 0.75. */
  offStory?: number;
  /** Corpus cohesion from which the corpus counts as one story (below it, nothing is off-story). Default 0.3. */
  oneStory?: number;
  /** Below this many articles nothing is off-story: a short article in a tiny corpus shares few words by chance. Default 6. */
  minArticles?: number;
}

export const DEFAULT_TIMELINE_OPTIONS: Required<TimelineOptions> = {
  maxEvents: 12,
  sameEvent: 0.33,
  reportLagDays: 7,
  backgroundDays: 31,
  offStory: 0.75,
  oneStory: 0.3,
  minArticles: 6,
};

export interface TimelineEngine {
  readonly articles: readonly Article[];
  readonly passages: readonly Passage[];
  readonly analyzer: Analyzer;
  article(id: string): Article | undefined;
  /** The engine's own centrality of its articles, when it has one (see engine.ts). */
  storyCentrality?(): { of: ReadonlyMap<string, number>; cohesion: number };
}

/** A candidate or merged event, before it becomes a TimelineEntry. */
export interface StoryEvent {
  kind: 'report' | 'sentence';
  date?: string;
  dateFrom?: TimelineEntry['dateFrom'];
  dateWords?: string;
  text: string;
  /** Folded stems of `text`. */
  stems: Set<string>;
  /** Stem sets compared with other candidates: the text's, and for a report also its lead sentence's. */
  matchSets: Set<string>[];
  /** Folded stems of the names the text mentions (capitalised words past the first). */
  names: Set<string>;
  article: Article;
  passageId?: string;
  /** Articles carrying the candidate's text besides its own (wire copies). */
  copies: Article[];
  /** Merged candidates, the seed first. */
  members: StoryEvent[];
}

export interface StoryEvents {
  /** Every event, dated ones in date order, undated after. */
  events: StoryEvent[];
  words: StoryWords;
  idf: (stem: string) => number;
  /** Similarity of two candidates: the best of their texts' (and leads') pairs. */
  sim(a: StoryEvent, b: StoryEvent): number;
  /** Events sharing one of the rarest words of `e`'s seed or reports: the only ones worth comparing with it. */
  related(e: StoryEvent): StoryEvent[];
  /** The event holding the earliest on-story report. */
  first?: StoryEvent;
}

/** The ids of the articles on the story (all of them unless the corpus is one story with outliers). */
export function onStoryArticles(
  engine: Pick<TimelineEngine, 'analyzer' | 'articles' | 'storyCentrality'>,
  options: TimelineOptions = {},
): Set<string> {
  const o = { ...DEFAULT_TIMELINE_OPTIONS, ...options };
  // The engine's own (worked out once, in slices for a large corpus), else worked out here once per engine.
  const own = engine.storyCentrality?.();
  let centrality = own?.of ?? centralityOf.get(engine.articles);
  if (!centrality) {
    const of = storyCentrality(engine.analyzer, engine.articles);
    centralityOf.set(engine.articles, of);
    centrality = of;
  }
  const cohesion = own ? own.cohesion : corpusCohesion(centrality as Map<string, number>);
  const oneStory = engine.articles.length >= o.minArticles && cohesion >= o.oneStory;
  return new Set(engine.articles.filter((a) => !oneStory || (centrality.get(a.id) ?? 1) >= o.offStory).map((a) => a.id));
}

const centralityOf = new WeakMap<readonly Article[], Map<string, number>>();
/** Names two sentences of one day share (at least) for a lower similarity to do, and how much lower. */
const SAME_NAMES = 4;
const NAMED_NEED = 0.6;
const sharedCount = (a: ReadonlySet<string>, b: ReadonlySet<string>) => {
  let n = 0;
  for (const t of a) if (b.has(t)) n++;
  return n;
};
/** Besides its reports, an event's first few members are compared with a candidate (not all: chains drift). */
const MEMBERS_COMPARED = 4;

/** Earliest first; on one day, reports before sentences, so the earliest report seeds its event. */
function inMergeOrder(all: readonly StoryEvent[]): StoryEvent[] {
  const rank = (c: StoryEvent) => (c.kind === 'report' ? 0 : 1);
  return [...all].sort((a, b) => {
    if (!!a.date !== !!b.date) return a.date ? -1 : 1;
    if (a.date && b.date && a.date !== b.date) return a.date < b.date ? -1 : 1;
    return rank(a) - rank(b);
  });
}

/** Merges candidates into events, greedily: each joins the closest event it fits (dates, words, stance), or seeds one. */
export function storyEvents(engine: TimelineEngine, options: TimelineOptions = {}): StoryEvents {
  const o = { ...DEFAULT_TIMELINE_OPTIONS, ...options };
  const words = storyWords(engine.analyzer);
  const all = eventCandidates(engine, onStoryArticles(engine, o), words);
  const idf = idfOver(all.flatMap((c) => c.matchSets));
  const sim = (a: StoryEvent, b: StoryEvent) => Math.max(...a.matchSets.flatMap((x) => b.matchSets.map((y) => similarity(x, y, idf))));
  const index = createEventIndex(idf, o.reportLagDays);
  const events: StoryEvent[] = [];
  const fitOf = (c: StoryEvent, e: StoryEvent): number => {
    if (!datesFit(c, e, o.reportLagDays)) return 0;
    // A sentence naming the outlet whose report that day seeded the event is about that report.
    const names = c.kind === 'sentence' && e.kind === 'report' && e.article.id !== c.article.id && mentionsOutlet(c.text, e.article);
    const score = names ? 1 : Math.max(...e.members.filter((m, i) => m.kind === 'report' || i < MEMBERS_COMPARED).map((m) => sim(c, m)));
    // A dated sentence of the article whose report seeded the event, on its day, needs less.
    const need = e.article.id === c.article.id && e.kind === 'report' ? o.sameEvent / 2 : o.sameEvent;
    // Two sentences of one day naming the same people tell one event, in words that may differ more.
    const named =
      c.kind === 'sentence' &&
      e.members.some((m, i) => i < MEMBERS_COMPARED && m.kind === 'sentence' && sharedCount(c.names, m.names) >= SAME_NAMES);
    if (score < (named ? need * NAMED_NEED : need)) return 0;
    const [mine, theirs] = stancesAbout(words, c, e);
    return mine === theirs ? score : 0;
  };
  for (const c of inMergeOrder(all)) {
    let best: StoryEvent | undefined;
    let bestScore = 0;
    for (const e of index.near(c, events)) {
      const score = fitOf(c, e);
      if (score > bestScore) {
        best = e;
        bestScore = score;
      }
    }
    if (best) best.members.push(c);
    else events.push(c);
    index.add(best ?? c, c);
  }
  const firstDay = events.find((e) => e.kind === 'report' && e.date)?.date;
  const inStory = events.filter((e) => !e.date || !firstDay || daysBetween(e.date, firstDay) <= o.backgroundDays);
  const first = inStory.find((e) => e.kind === 'report' && e.date === firstDay);
  return { events: inStory, words, idf, sim, related: (e) => index.related(e, inStory), ...(first ? { first } : {}) };
}
