/** Dates and citation lines as every surface (Slack, terminal, briefings) shows them. Pure. */
import type { Article } from './core/types.ts';
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
