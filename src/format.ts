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
