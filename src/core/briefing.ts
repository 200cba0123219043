/**
 * corpus → Briefing: a timeline, key points (the answer to each standing question, cited) and what
 * is new since the last briefing, as data. Pure: the engine, the questions and the previous briefing
 * come in; nothing is read, written or rendered here.
 */
import { findDates, publishedDay } from './briefing-dates.ts';
import type { Briefing, Citation, KeyPoint, KeyPointChange, OpenQuestion, StandingQuestion, TimelineEntry, WhatsNew } from './briefing-types.ts';
import type { Engine } from './engine.ts';
import { splitSentences } from './text.ts';
import type { Article, Passage } from './types.ts';

export type * from './briefing-types.ts';

/** The story's name when the standing-questions file does not give one. */
export const DEFAULT_STORY_NAME = 'The story';

export interface BriefingInput {
  engine: Engine;
  questions: readonly StandingQuestion[];
  story?: string;
  asOf: Date;
  /** The last briefing in the same place (channel, terminal), to say what is new since. */
  previous?: Pick<Briefing, 'asOf' | 'articleIds' | 'keyPoints' | 'openQuestions'>;
  questionsProblem?: string;
}

export function buildBriefing(input: BriefingInput): Briefing {
  const { engine } = input;
  const articles = engine.articles;
  const { keyPoints, openQuestions } = answerStandingQuestions(engine, input.questions);
  return {
    version: 1,
    story: input.story?.trim() || DEFAULT_STORY_NAME,
    asOf: input.asOf.toISOString(),
    articleIds: articles.map((a) => a.id),
    outlets: [...new Set(articles.flatMap((a) => (a.source ? [a.source] : [])))].sort(),
    outletUnknown: articles.filter((a) => !a.source).length,
    whatsNew: whatsNewSince(input.previous, articles, keyPoints, openQuestions),
    keyPoints,
    openQuestions,
    timeline: buildTimeline(engine),
    ...(input.questionsProblem ? { questionsProblem: input.questionsProblem } : {}),
  };
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

/** A standing question is a key point only when the engine is confident; otherwise it stays open. */
export function answerStandingQuestions(engine: Engine, questions: readonly StandingQuestion[]): { keyPoints: KeyPoint[]; openQuestions: OpenQuestion[] } {
  const keyPoints: KeyPoint[] = [];
  const openQuestions: OpenQuestion[] = [];
  for (const q of questions) {
    const answer = engine.answer(q.ask, { top: 1 });
    const passage = answer.sentence ? engine.passage(answer.sentence.passageId) : undefined;
    const article = passage ? engine.article(passage.articleId) : undefined;
    if (answer.confident && answer.sentence && passage && article) {
      keyPoints.push({ id: q.id, label: q.label, question: q.ask, answer: answer.sentence.text, matchedWords: answer.sentence.matchedWords, citation: citeArticle(article, passage.id) });
    } else {
      openQuestions.push({ id: q.id, label: q.label, question: q.ask });
    }
  }
  return { keyPoints, openQuestions };
}

/** Articles in date order (undated last), with the dated events their sentences state, events first on a day. */
export function buildTimeline(engine: Engine): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const seenEvents = new Set<string>();
  for (const article of engine.articles) {
    const day = publishedDay(article.published);
    entries.push({ kind: 'article', ...(day ? { date: day, dateFrom: 'published' as const } : {}), text: article.title, citation: citeArticle(article) });
  }
  for (const passage of engine.passages) {
    const article = engine.article(passage.articleId);
    if (article) entries.push(...eventsIn(passage, article, seenEvents));
  }
  const rank = (e: TimelineEntry) => (e.kind === 'event' ? 0 : 1);
  const order = new Map(entries.map((e, i) => [e, i]));
  return entries.sort((a, b) => {
    if (a.date && b.date) return a.date < b.date ? -1 : a.date > b.date ? 1 : rank(a) - rank(b) || (order.get(a) ?? 0) - (order.get(b) ?? 0);
    if (!!a.date !== !!b.date) return a.date ? -1 : 1;
    return (order.get(a) ?? 0) - (order.get(b) ?? 0);
  });
}

function eventsIn(passage: Passage, article: Article, seen: Set<string>): TimelineEntry[] {
  const events: TimelineEntry[] = [];
  for (const sentence of splitSentences(passage.text)) {
    for (const found of findDates(sentence, article.published)) {
      const key = `${found.date} ${sentence.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      events.push({ kind: 'event', date: found.date, dateFrom: found.from, dateWords: found.words, text: sentence, citation: citeArticle(article, passage.id) });
    }
  }
  return events;
}

/** Compares with the previous briefing by article id, not date: an undated or back-dated article is still new. */
export function whatsNewSince(
  previous: BriefingInput['previous'],
  articles: readonly Article[],
  keyPoints: readonly KeyPoint[],
  openQuestions: readonly OpenQuestion[],
): WhatsNew {
  if (!previous) return { articles: [], keyPoints: [] };
  const known = new Set(previous.articleIds);
  const before = answersById(previous.keyPoints, previous.openQuestions);
  const changes: KeyPointChange[] = [];
  const current: [KeyPoint | OpenQuestion, string | null][] = [...keyPoints.map((k): [KeyPoint, string] => [k, k.answer]), ...openQuestions.map((o): [OpenQuestion, null] => [o, null])];
  for (const [item, now] of current) {
    if (!before.has(item.id)) continue;
    const was = before.get(item.id) ?? null;
    if (was !== now) changes.push({ id: item.id, label: item.label, was, now });
  }
  return { since: previous.asOf, articles: articles.filter((a) => !known.has(a.id)).map((a) => citeArticle(a)), keyPoints: changes };
}

function answersById(keyPoints: readonly KeyPoint[], open: readonly OpenQuestion[]): Map<string, string | null> {
  const entries: [string, string | null][] = [...keyPoints.map((k): [string, string] => [k.id, k.answer]), ...open.map((o): [string, null] => [o.id, null])];
  return new Map(entries);
}

/** True when there is nothing to report since the last briefing. */
export function isNothingNew(whatsNew: WhatsNew): boolean {
  return whatsNew.articles.length === 0 && whatsNew.keyPoints.length === 0;
}
