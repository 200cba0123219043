/**
 * corpus → Briefing: a timeline of events, key points (the answer to each standing question, cited,
 * with what disputes it), the claims sources contradict, and what is new since the last briefing,
 * as data. Pure: the engine, the questions and the previous briefing come in; nothing is read,
 * written or rendered here.
 */
import { findDisputedClaims, laterSide, type DisputeSectionOptions } from './briefing-disputes.ts';
import type {
  Briefing,
  ClaimSide,
  DisputedClaim,
  KeyPoint,
  KeyPointChange,
  OpenQuestion,
  StandingQuestion,
  WhatsNew,
} from './briefing-types.ts';
import type { Engine } from './engine.ts';
import { citeSame, sameAnswerElsewhere } from './key-point-sources.ts';
import { stanceOf } from './stance.ts';
import { splitSentences, surfaceWords } from './text.ts';
import { citeArticle, storyEvents, timelineOf, type TimelineOptions } from './timeline-events.ts';
import type { Answer, Article, Stance } from './types.ts';

export { citeArticle } from './timeline-events.ts';

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
  /** How the timeline is built and cut. Default {@link DEFAULT_TIMELINE_OPTIONS} (12 events). */
  timeline?: TimelineOptions;
  /** How disputed claims are found. Default {@link DEFAULT_DISPUTE_SECTION_OPTIONS}. */
  disputes?: DisputeSectionOptions;
}

export function buildBriefing(input: BriefingInput): Briefing {
  const { engine } = input;
  const articles = engine.articles;
  const { keyPoints, openQuestions } = answerStandingQuestions(engine, input.questions);
  const story = storyEvents(engine, input.timeline);
  const timeline = timelineOf(story, input.timeline);
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
    timeline: timeline.entries,
    ...(timeline.total > timeline.entries.length ? { timelineTotal: timeline.total } : {}),
    disputed: withKeyPointDisputes(findDisputedClaims(story, input.disputes), keyPoints),
    ...(input.questionsProblem ? { questionsProblem: input.questionsProblem } : {}),
  };
}

/** A standing question is a key point only when the engine is confident; otherwise it stays open. */
export function answerStandingQuestions(
  engine: Engine,
  questions: readonly StandingQuestion[],
): { keyPoints: KeyPoint[]; openQuestions: OpenQuestion[] } {
  const keyPoints: KeyPoint[] = [];
  const openQuestions: OpenQuestion[] = [];
  for (const q of questions) {
    const answer = settledOverUnclear(engine, q, engine.answer(q.ask, { top: 1 }));
    const passage = answer.sentence ? engine.passage(answer.sentence.passageId) : undefined;
    const article = passage ? engine.article(passage.articleId) : undefined;
    if (answer.confident && answer.sentence && passage && article) {
      const disputed = answerDisputes(engine, q, answer);
      const same = sameAnswerElsewhere(engine, q.ask, answer, engine.answer(q.ask, { top: 5 }));
      // An answer read from an article with no outlet is cited to the earliest named outlet that says the same.
      const named = article.source ? undefined : same.find((s) => s.article.source);
      const main = named ?? { text: answer.sentence.text, passageId: passage.id, article, matchedWords: answer.sentence.matchedWords };
      const also = [...(named ? [citeArticle(article, passage.id)] : []), ...same.filter((s) => s !== named).map(citeSame)];
      keyPoints.push({
        id: q.id,
        label: q.label,
        question: q.ask,
        answer: main.text,
        matchedWords: main.matchedWords,
        citation: citeArticle(main.article, main.passageId),
        ...(also.length ? { alsoReportedBy: also } : {}),
        ...(disputed.length ? { disputed } : {}),
      });
    } else {
      openQuestions.push({ id: q.id, label: q.label, question: q.ask });
    }
  }
  return { keyPoints, openQuestions };
}

// Words that say a fact is not settled yet ("it is unclear how long the halt will last").
const UNSETTLED =
  /\b(?:unclear|unknown|uncertain|not (?:yet )?(?:clear|known|certain)|remains? to be seen|no one knows|undetermined|undecided)\b/i;
// A stated length of time ("one day", "a one-day pause", "for 30 days", "two weeks").
const DURATION = /\b(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|several|a few)[- ](?:hour|day|week|month|year)s?\b/i;

/** What a settled answer states: for "how long", a length of time; for any question, no "unclear". */
const settles = (kind: Answer['kind'], text: string) => !UNSETTLED.test(text) && (kind !== 'how-long' || DURATION.test(text));

/**
 * An answer that does not settle the question (it says the fact is unclear, or a "how long" answer
 * states no length of time) gives way to a later article's sentence that does, among the passages
 * that answer the question: the newest settled fact is what a briefing reports.
 */
function settledOverUnclear(engine: Engine, q: StandingQuestion, answer: Answer): Answer {
  if (!answer.confident || !answer.sentence || settles(answer.kind, answer.sentence.text)) return answer;
  const own = engine.article(engine.passage(answer.sentence.passageId)?.articleId ?? '');
  const wider = engine.answer(q.ask, { top: 5 });
  for (const r of wider.results) {
    if (!own?.published || !r.article.published || r.article.published.slice(0, 10) <= own.published.slice(0, 10)) continue;
    const matched = new Set(r.matchedWords.map((w) => w.toLowerCase()));
    const scored = splitSentences(r.passage.text)
      .filter((s) => settles(answer.kind, s))
      .map((text) => ({ text, hits: surfaceWords(text).filter((w) => matched.has(w.toLowerCase())) }));
    const best = scored.sort((a, b) => b.hits.length - a.hits.length)[0];
    if (best && best.hits.length >= Math.max(1, Math.ceil(matched.size / 2)))
      return { ...answer, sentence: { text: best.text, passageId: r.passage.id, matchedWords: [...new Set(best.hits)] }, results: [r] };
  }
  return answer;
}

/**
 * The engine's contradicting passages that take the other side from the answer *sentence* (the
 * passage may hold a denial of something else), each cut to its sentence that takes that side.
 */
function answerDisputes(engine: Engine, q: StandingQuestion, answer: Answer): ClaimSide[] {
  if (!answer.sentence || answer.disputed.length === 0) return [];
  const { analyzer } = engine;
  const events = new Set(analyzer.terms(q.ask).flatMap((s) => [s, ...analyzer.synonymsOf(s)]));
  const stance = (text: string) => stanceOf(text, analyzer.wordStems, events);
  const mine = stance(answer.sentence.text);
  // The answer may have moved to a later article (settledOverUnclear): that article does not dispute itself.
  const own = engine.passage(answer.sentence.passageId)?.articleId;
  return answer.disputed.flatMap((r) => {
    const theirs: Stance = r.stance ?? stance(r.passage.text);
    if (theirs === mine || r.article.id === own) return [];
    const sentences = splitSentences(r.passage.text);
    const text = sentences.find((s) => stance(s) === theirs) ?? sentences[0] ?? r.passage.text;
    return [{ text, citation: citeArticle(r.article, r.passage.id), stance: theirs }];
  });
}

/** Key points whose answer is disputed and that no dispute between events already covers become disputes too. */
function withKeyPointDisputes(found: DisputedClaim[], keyPoints: readonly KeyPoint[]): DisputedClaim[] {
  const covered = new Set(found.flatMap((d) => [d.claim, ...d.against, ...(d.confirmedBy ?? [])].map((s) => s.citation.articleId)));
  const out = [...found];
  for (const k of keyPoints) {
    const sides = k.disputed ?? [];
    if (!sides.length || sides.some((s) => covered.has(s.citation.articleId))) continue;
    const answerSide: ClaimSide = { text: k.answer, citation: k.citation, stance: sides[0]!.stance === 'denies' ? 'asserts' : 'denies' };
    const [claim, against] = answerSide.stance === 'asserts' ? [answerSide, sides] : [sides[0]!, [answerSide]];
    out.push({ claim, against, later: laterSide([claim], against) });
    for (const s of sides) covered.add(s.citation.articleId);
  }
  return out;
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
  const current: [KeyPoint | OpenQuestion, string | null][] = [
    ...keyPoints.map((k): [KeyPoint, string] => [k, k.answer]),
    ...openQuestions.map((o): [OpenQuestion, null] => [o, null]),
  ];
  for (const [item, now] of current) {
    if (!before.has(item.id)) continue;
    const was = before.get(item.id) ?? null;
    if (was !== now) changes.push({ id: item.id, label: item.label, was, now });
  }
  return { since: previous.asOf, articles: articles.filter((a) => !known.has(a.id)).map((a) => citeArticle(a)), keyPoints: changes };
}

function answersById(keyPoints: readonly KeyPoint[], open: readonly OpenQuestion[]): Map<string, string | null> {
  const entries: [string, string | null][] = [
    ...keyPoints.map((k): [string, string] => [k.id, k.answer]),
    ...open.map((o): [string, null] => [o.id, null]),
  ];
  return new Map(entries);
}

/** True when there is nothing to report since the last briefing. */
export function isNothingNew(whatsNew: WhatsNew): boolean {
  return whatsNew.articles.length === 0 && whatsNew.keyPoints.length === 0;
}
