/** Dates and citation lines as every surface (Slack, terminal, briefings) shows them. Pure. */
import type { Answer, Article, RankedPassage } from './core/types.ts';
import { MESSAGES } from './messages.ts';

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

/** "The Record, AP and 4 others" style list of outlets (or headlines, for articles without one), each once. */
export function outletList(articles: readonly Article[], max = 4): string {
  const names = [...new Set(articles.map((a) => a.source ?? a.title))];
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} other${names.length - max === 1 ? '' : 's'}`;
}

/** Whether `a` was published after `b` (false when either date is unknown). */
export function publishedAfter(a: Article, b: Article): boolean {
  return !!a.published && !!b.published && a.published.slice(0, 10) > b.published.slice(0, 10);
}

/** One side of a disagreement, as every surface shows it: label, the passage, and whether it is the later report. */
export interface DisputeSide { label: string; hit: RankedPassage; later: boolean }

/** The answer's side first, then each contradicting passage; empty when the sources agree. */
export function disputeSides(answer: Answer): DisputeSide[] {
  const top = answer.results[0];
  const first = answer.disputed[0];
  if (!top?.stance || !first) return [];
  return [
    { label: MESSAGES.stanceLabel(top.stance), hit: top, later: publishedAfter(top.article, first.article) },
    ...answer.disputed.map((d) => ({ label: MESSAGES.stanceLabel(d.stance ?? 'denies'), hit: d, later: publishedAfter(d.article, top.article) })),
  ];
}
