/**
 * The story's timeline as events, not lines. Each on-story article's report (its headline, on its
 * publication day) and each dated sentence is a candidate; candidates that tell the same thing on
 * the same day (or a report of it a few days later, or an undated copy) merge into one event,
 * cited to every outlet that carries it, earliest first. Off-story articles (low story centrality)
 * and background dates long before the first report are left out. Pure.
 */
import type { Analyzer } from './analyzer.ts';
import { findDates, publishedDay } from './briefing-dates.ts';
import type { Citation, TimelineEntry } from './briefing-types.ts';
import { articleToPassages } from './passages.ts';
import { corpusCohesion, storyCentrality } from './story-centrality.ts';
import { idfOver, similarity, stancesAbout, storyWords, type StoryWords } from './story-words.ts';
import { splitSentences } from './text.ts';
import type { Article, Passage, Stance } from './types.ts';

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

export const DEFAULT_TIMELINE_OPTIONS: Required<TimelineOptions> = { maxEvents: 12, sameEvent: 0.33, reportLagDays: 7, backgroundDays: 31, offStory: 0.75, oneStory: 0.3, minArticles: 6 };

export interface TimelineEngine {
  readonly articles: readonly Article[];
  readonly passages: readonly Passage[];
  readonly analyzer: Analyzer;
  article(id: string): Article | undefined;
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
  article: Article;
  passageId?: string;
  /** Articles carrying the candidate's text besides its own (wire copies). */
  copies: Article[];
  /** Merged candidates, the seed first. */
  members: StoryEvent[];
  stance?: Stance;
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
export function onStoryArticles(engine: Pick<TimelineEngine, 'analyzer' | 'articles'>, options: TimelineOptions = {}): Set<string> {
  const o = { ...DEFAULT_TIMELINE_OPTIONS, ...options };
  // An engine never changes, so its articles' centrality is worked out once (seconds for thousands of articles).
  let centrality = centralityOf.get(engine.articles);
  if (!centrality) { centrality = storyCentrality(engine.analyzer, engine.articles); centralityOf.set(engine.articles, centrality); }
  const oneStory = engine.articles.length >= o.minArticles && corpusCohesion(centrality) >= o.oneStory;
  return new Set(engine.articles.filter((a) => !oneStory || (centrality.get(a.id) ?? 1) >= o.offStory).map((a) => a.id));
}

const centralityOf = new WeakMap<readonly Article[], Map<string, number>>();
const DAY = 86_400_000;
/** How many of a candidate's rarest words find the events it is compared with. */
const RARE_WORDS = 8;
/** Besides its reports, an event's first few members are compared with a candidate (not all: chains drift). */
const MEMBERS_COMPARED = 4;
/** Up to this many events, an undated candidate (and a possible dispute) is compared with every event. */
const EXHAUSTIVE_UP_TO = 500;
const daysBetween = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY;

/** Outlet names as sentences write them: "The Record", and "Bloomberg" out of "Business Standard (Bloomberg)". */
function outletNames(article: Article): string[] {
  if (!article.source) return [];
  return article.source.split(/[()]/).map((s) => s.replace(/^via\s+/i, '').trim()).filter((s) => s.length >= 3);
}

function mentionsOutlet(sentence: string, article: Article): boolean {
  return outletNames(article).some((name) => new RegExp(`(?<![\\p{L}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u').test(sentence));
}

function candidates(engine: TimelineEngine, onStory: ReadonlySet<string>, words: StoryWords): StoryEvent[] {
  const out: StoryEvent[] = [];
  // The date words are left out of the words compared: candidates of one day share them anyway.
  const base = (e: Omit<StoryEvent, 'members' | 'stems' | 'matchSets'>, lead?: string, dateWords?: string): StoryEvent => {
    const stems = words.stemsOf(dateWords ? e.text.split(dateWords).join(' ') : e.text);
    const event: StoryEvent = { ...e, stems, matchSets: lead ? [stems, words.stemsOf(lead)] : [stems], members: [] };
    event.members.push(event);
    return event;
  };
  for (const article of engine.articles) {
    if (!onStory.has(article.id)) continue;
    const lead = splitSentences(articleToPassages(article)[0]?.text ?? '')[0] ?? '';
    const day = publishedDay(article.published);
    out.push(base({ kind: 'report', ...(day ? { date: day, dateFrom: 'published' as const } : {}), text: article.title, article, copies: [] }, lead));
  }
  for (const passage of engine.passages) {
    const article = engine.article(passage.articleId);
    if (!article || !onStory.has(article.id)) continue;
    const copies = passage.alsoIn.flatMap((id) => (onStory.has(id) ? engine.article(id) ?? [] : []));
    for (const sentence of splitSentences(passage.text)) {
      for (const found of findDates(sentence, article.published)) {
        out.push(base({ kind: 'sentence', date: found.date, dateFrom: found.from, dateWords: found.words, text: sentence, article, passageId: passage.id, copies }, undefined, found.words));
      }
    }
  }
  return out;
}

/** Whether `c` may join `event`: dates compatible (same day; a later report within the lag; undated). */
function datesFit(c: StoryEvent, event: StoryEvent, lagDays: number): boolean {
  if (!c.date || !event.date) return c.kind === 'report' && !c.date;
  if (c.kind === 'sentence') return c.date === event.date;
  const lag = daysBetween(event.date, c.date);
  return lag >= 0 && lag <= lagDays;
}

/** Merges candidates into events: greedy, earliest first, so the earliest report seeds its event. */
export function storyEvents(engine: TimelineEngine, options: TimelineOptions = {}): StoryEvents {
  const o = { ...DEFAULT_TIMELINE_OPTIONS, ...options };
  const words = storyWords(engine.analyzer);
  const onStory = onStoryArticles(engine, o);
  const all = candidates(engine, onStory, words);
  const idf = idfOver(all.flatMap((c) => c.matchSets));
  const sim = (a: StoryEvent, b: StoryEvent) => Math.max(...a.matchSets.flatMap((x) => b.matchSets.map((y) => similarity(x, y, idf))));
  const rank = (c: StoryEvent) => (c.kind === 'report' ? 0 : 1);
  const ordered = [...all].sort((a, b) => {
    if (!!a.date !== !!b.date) return a.date ? -1 : 1;
    if (a.date && b.date && a.date !== b.date) return a.date < b.date ? -1 : 1;
    return rank(a) - rank(b);
  });
  const events: StoryEvent[] = [];
  // Postings of the rarest words of each event's seed and reports: a candidate is compared only
  // with the events sharing one, so a corpus of thousands of articles is not compared pair by pair.
  const postings = new Map<string, StoryEvent[]>();
  const rareOf = new Map<StoryEvent, string[]>();
  const rare = (c: StoryEvent) => {
    let r = rareOf.get(c);
    if (!r) { r = [...new Set(c.matchSets.flatMap((s) => [...s]))].sort((x, y) => idf(y) - idf(x)).slice(0, RARE_WORDS); rareOf.set(c, r); }
    return r;
  };
  const post = (e: StoryEvent, m: StoryEvent) => { for (const t of rare(m)) { const list = postings.get(t); if (!list) postings.set(t, [e]); else if (list.at(-1) !== e) list.push(e); } };
  // A dated candidate only joins an event of its day (a report: of the days before, within the lag),
  // so it is compared with those; an undated one with all events, or in a large corpus those sharing a rare word.
  const onDay = new Map<string, StoryEvent[]>();
  const near = (c: StoryEvent): Iterable<StoryEvent> => {
    if (c.date) {
      const days = c.kind === 'sentence' ? [c.date] : Array.from({ length: o.reportLagDays + 1 }, (_, i) => new Date(Date.parse(`${c.date}T00:00:00Z`) - i * DAY).toISOString().slice(0, 10));
      return days.flatMap((d) => onDay.get(d) ?? []);
    }
    if (events.length <= EXHAUSTIVE_UP_TO) return events;
    const found = new Set<StoryEvent>();
    for (const t of rare(c)) for (const e of postings.get(t) ?? []) found.add(e);
    return found;
  };
  for (const c of ordered) {
    let best: StoryEvent | undefined;
    let bestScore = 0;
    for (const e of near(c)) {
      if (!datesFit(c, e, o.reportLagDays)) continue;
      // A sentence naming the outlet whose report that day seeded the event is about that report.
      const names = c.kind === 'sentence' && e.kind === 'report' && e.article.id !== c.article.id && mentionsOutlet(c.text, e.article);
      const score = names ? 1 : Math.max(...e.members.filter((m, i) => m.kind === 'report' || i < MEMBERS_COMPARED).map((m) => sim(c, m)));
      // A dated sentence of the article whose report seeded the event, on its day, needs less.
      const need = e.article.id === c.article.id && e.kind === 'report' ? o.sameEvent / 2 : o.sameEvent;
      if (score < need || score <= bestScore) continue;
      const [mine, theirs] = stancesAbout(words, c, e);
      if (mine !== theirs) continue;
      best = e; bestScore = score;
    }
    const owner = best ?? c;
    if (best) best.members.push(c);
    else events.push(c);
    if (owner === c || c.kind === 'report') post(owner, c);
    if (owner === c && c.date) { const list = onDay.get(c.date); if (list) list.push(c); else onDay.set(c.date, [c]); }
  }
  const firstDay = events.find((e) => e.kind === 'report' && e.date)?.date;
  const inStory = events.filter((e) => !e.date || !firstDay || daysBetween(e.date, firstDay) <= o.backgroundDays);
  const first = inStory.find((e) => e.kind === 'report' && e.date === firstDay);
  const kept = new Set(inStory);
  const related = (e: StoryEvent) => (inStory.length <= EXHAUSTIVE_UP_TO ? inStory.filter((x) => x !== e) : [...new Set(e.members.filter((m) => m === e || m.kind === 'report').flatMap((m) => rare(m).flatMap((t) => postings.get(t) ?? [])))].filter((x) => x !== e && kept.has(x)));
  return { events: inStory, words, idf, sim, related, ...(first ? { first } : {}) };
}

export function citeArticle(article: Article, passageId?: string): Citation {
  return {
    articleId: article.id,
    ...(passageId ? { passageId } : {}),
    title: article.title,
    ...(article.source ? { source: article.source } : {}),
    ...(article.url ? { url: article.url } : {}),
    ...(article.published ? { published: article.published } : {}),
  };
}

/** Every article carrying the event, earliest first, undated last, each once. */
export function eventSources(event: StoryEvent): Citation[] {
  const seen = new Map<string, Citation & { at: string }>();
  for (const m of event.members) {
    for (const [a, passageId] of [[m.article, m.passageId], ...m.copies.map((c) => [c, undefined] as const)] as const) {
      if (seen.has(a.id)) continue;
      seen.set(a.id, { ...citeArticle(a, passageId), at: publishedDay(a.published) ?? '9999' });
    }
  }
  return [...seen.values()].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0)).map(({ at: _at, ...c }) => c);
}

/** How many outlets (or, without one, articles) carry the event. */
export function outletCount(sources: readonly Citation[]): number {
  return new Set(sources.map((s) => s.source ?? s.articleId)).size;
}

function toEntry(e: StoryEvent, first: StoryEvent | undefined): TimelineEntry {
  const sources = eventSources(e);
  return {
    kind: 'event',
    ...(e.date ? { date: e.date, dateFrom: e.dateFrom ?? 'published' } : {}),
    ...(e.dateWords ? { dateWords: e.dateWords } : {}),
    text: e.text,
    citation: citeArticle(e.article, e.passageId),
    sources,
    ...(e === first ? { first: true } : {}),
  };
}

/**
 * The timeline: dated events, the most reported `maxEvents` of them (the first report and the
 * newest event always among them), in date order, newest last; `total` counts them all.
 */
export function buildEventTimeline(engine: TimelineEngine, options: TimelineOptions = {}): { entries: TimelineEntry[]; total: number } {
  return timelineOf(storyEvents(engine, options), options);
}

/** The timeline of events already merged (see {@link buildEventTimeline}). */
export function timelineOf(story: StoryEvents, options: TimelineOptions = {}): { entries: TimelineEntry[]; total: number } {
  const o = { ...DEFAULT_TIMELINE_OPTIONS, ...options };
  const { events, first } = story;
  const dated = events.filter((e) => e.date);
  const newest = dated[dated.length - 1];
  const weight = (e: StoryEvent) => (e === first ? 1e6 : 0) + (e === newest ? 1e5 : 0) + outletCount(eventSources(e)) * 10 + e.members.length + (e.kind === 'report' ? 0.5 : 0);
  const kept = new Set([...dated].sort((a, b) => weight(b) - weight(a)).slice(0, o.maxEvents));
  return { entries: dated.filter((e) => kept.has(e)).map((e) => toEntry(e, first)), total: dated.length };
}
