/**
 * The story's timeline as events, not lines: the merged events (story-events.ts) as entries, each
 * cited to every outlet that carries it, earliest first, the first report marked; the most reported
 * kept when there are too many, newest last. Pure.
 */
import { publishedDay } from './briefing-dates.ts';
import type { Citation, TimelineEntry } from './briefing-types.ts';
import {
  DEFAULT_TIMELINE_OPTIONS,
  storyEvents,
  type StoryEvent,
  type StoryEvents,
  type TimelineEngine,
  type TimelineOptions,
} from './story-events.ts';
import type { Article } from './types.ts';

export { DEFAULT_TIMELINE_OPTIONS, onStoryArticles, storyEvents } from './story-events.ts';
export type { StoryEvent, StoryEvents, TimelineEngine, TimelineOptions } from './story-events.ts';

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
  const weight = (e: StoryEvent) =>
    (e === first ? 1e6 : 0) +
    (e === newest ? 1e5 : 0) +
    outletCount(eventSources(e)) * 10 +
    e.members.length +
    (e.kind === 'report' ? 0.5 : 0);
  const kept = new Set([...dated].sort((a, b) => weight(b) - weight(a)).slice(0, o.maxEvents));
  return { entries: dated.filter((e) => kept.has(e)).map((e) => toEntry(e, first)), total: dated.length };
}
