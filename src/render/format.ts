/** Dates and citation lines as every surface (Slack, terminal, briefings) shows them. Pure. */
import type { Answer, Article, RankedPassage } from '../core/types.ts';
import { describeProblem, MESSAGES } from './messages.ts';

/** "Outlet · 3 Mar 2025" with graceful stand-ins for what is missing. */
export function citationLine(article: Article): string {
  return `${article.source ?? MESSAGES.outletUnknown} · ${formatDate(article.published)}`;
}

// One formatter, made once: toLocaleDateString builds a new one per call, which showed up as the
// largest single cost of rendering an answer under load.
const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export function formatDate(published: string | undefined): string {
  if (!published) return MESSAGES.dateUnknown;
  const d = new Date(published.length === 10 ? `${published}T00:00:00Z` : published);
  if (Number.isNaN(d.getTime())) return published;
  return DATE_FORMAT.format(d);
}

/** Anything with an outlet and a date: an article, or a briefing's citation of one. */
type Published = { source?: string; title: string; published?: string };

/**
 * "The Record, AP and 4 others": each outlet once (the headline for an article without one). Answers
 * join the names with commas, briefings with "and" before the last (`lastJoin`).
 */
export function outletList(items: readonly Published[], max = 4, lastJoin = ', '): string {
  const names = [...new Set(items.map((a) => a.source ?? a.title))];
  if (names.length > max) return `${names.slice(0, max).join(', ')} and ${names.length - max} other${names.length - max === 1 ? '' : 's'}`;
  return names.length > 1 ? `${names.slice(0, -1).join(', ')}${lastJoin}${names.at(-1)}` : names.join('');
}

/** Whether `a` was published on a later day than `b` (false when either date is unknown). */
export function publishedAfter(a: Pick<Published, 'published'>, b: Pick<Published, 'published'>): boolean {
  return !!a.published && !!b.published && a.published.slice(0, 10) > b.published.slice(0, 10);
}

/** One side of a disagreement, as every surface shows it: label, the passage, and whether it is the later report. */
export interface DisputeSide {
  label: string;
  hit: RankedPassage;
  later: boolean;
}

/** The answer's side first, then each contradicting passage; empty when the sources agree. */
export function disputeSides(answer: Answer): DisputeSide[] {
  const top = answer.results[0];
  const first = answer.disputed[0];
  if (!top?.stance || !first) return [];
  return [
    { label: MESSAGES.stanceLabel(top.stance), hit: top, later: publishedAfter(top.article, first.article) },
    ...answer.disputed.map((d) => ({
      label: MESSAGES.stanceLabel(d.stance ?? 'denies'),
      hit: d,
      later: publishedAfter(d.article, top.article),
    })),
  ];
}

/** The first line of an answer on every surface: the answer sentence, or why there is none. */
export function answerLead(answer: Answer): { text: string; isAnswer: boolean } {
  if (answer.problem) return { text: describeProblem(answer.problem), isAnswer: false };
  if (answer.results.length === 0) return { text: MESSAGES.noMatches, isAnswer: false };
  if (answer.confident && answer.sentence) return { text: answer.sentence.text, isAnswer: true };
  return { text: MESSAGES.notConfident, isAnswer: false };
}
