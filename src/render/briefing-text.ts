/** Wording shared by the briefing renderers (Slack, terminal, Markdown). Pure; corpus text is not escaped here. */
import type { Briefing, Citation, ClaimSide, DisputedClaim, KeyPointChange, TimelineEntry } from '../core/briefing-types.ts';
import { BRIEFING_MESSAGES, MESSAGES } from './messages.ts';
import { formatDate, outletList } from './format.ts';
import { DEFAULT_TIME_ZONE } from '../core/defaults.ts';

/** "21 Nov 2025, 07:00 GMT" in the given IANA time zone (default UTC). */
export function formatAsOf(iso: string, timeZone = DEFAULT_TIME_ZONE): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const day = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone });
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone });
  return `${day}, ${time} ${zoneAbbreviation(d, timeZone)}`;
}

/** "EST", "BST", "CET" where a locale knows one (en-GB knows Europe's, en-US America's), else "GMT+9". */
function zoneAbbreviation(d: Date, timeZone: string): string {
  const names = ['en-GB', 'en-US'].map(
    (locale) =>
      new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }).formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ??
      '',
  );
  return names.find((n) => n && !/^GMT[+-]/.test(n)) ?? names[0] ?? timeZone;
}

/** "Rests on 3 articles from 1 outlet (The Record); outlet unknown for 2". */
export function restsOn(briefing: Briefing): string {
  const n = briefing.articleIds.length;
  const named = briefing.outlets.length;
  const articles = `Rests on ${n} article${n === 1 ? '' : 's'}`;
  const unknown = briefing.outletUnknown ? `${MESSAGES.outletUnknown} for ${briefing.outletUnknown}` : '';
  if (!named) return unknown ? `${articles} (${unknown})` : articles;
  return `${articles} from ${named} outlet${named === 1 ? '' : 's'} (${briefing.outlets.join(', ')})${unknown ? `; ${unknown}` : ''}`;
}

/** "Headline · outlet · 3 Mar 2025": the parts of a citation, plain, for renderers to escape and link. */
export function citationParts(c: Citation): { title: string; url?: string; meta: string } {
  return { title: c.title, ...(c.url ? { url: c.url } : {}), meta: `${c.source ?? MESSAGES.outletUnknown} · ${formatDate(c.published)}` };
}

export function timelineDate(entry: TimelineEntry): string {
  return entry.date ? formatDate(entry.date) : MESSAGES.dateUnknown;
}

/** For an event: where its date came from ("Friday", counted back from the article's date). */
export function eventSource(entry: TimelineEntry): string {
  return BRIEFING_MESSAGES.eventSource(entry.dateWords ?? '', entry.dateFrom === 'relative');
}

export function changeLabel(change: KeyPointChange): string {
  if (change.was === null) return BRIEFING_MESSAGES.keyPointAnswered;
  if (change.now === null) return BRIEFING_MESSAGES.keyPointOpened;
  return BRIEFING_MESSAGES.keyPointChanged;
}

/** The heading of the what's-new part, or its one line when there is nothing new / nothing to compare with. */
export function whatsNewHeading(briefing: Briefing, timeZone?: string): { heading: string; empty: boolean } {
  const { since, articles, keyPoints } = briefing.whatsNew;
  if (!since) return { heading: BRIEFING_MESSAGES.firstBriefing, empty: true };
  const when = formatAsOf(since, timeZone);
  if (articles.length === 0 && keyPoints.length === 0) return { heading: BRIEFING_MESSAGES.nothingNew(when), empty: true };
  return { heading: BRIEFING_MESSAGES.newSince(when), empty: false };
}

/** "The Record, Newsweek and 4 others": each outlet once (the headline for a source without one). */
export function sourceNames(citations: readonly Citation[], max = 4): string {
  return outletList(citations, max, ' and ');
}

/**
 * What follows an event's text, plain: "First report · reported by The Record, AP and 4 others ·
 * first:" then the earliest source; or, for one source, where its date came from.
 */
export function eventAttribution(entry: TimelineEntry): { words: string; cite: Citation } {
  const sources = entry.sources ?? [entry.citation];
  const cite = sources[0] ?? entry.citation;
  const parts: string[] = [];
  if (entry.first) parts.push(BRIEFING_MESSAGES.firstReport);
  if (new Set(sources.map((c) => c.source ?? c.articleId)).size > 1)
    parts.push(BRIEFING_MESSAGES.reportedBy(sourceNames(sources)), `${BRIEFING_MESSAGES.firstReportedBy}:`);
  else if (entry.dateFrom === 'text' || entry.dateFrom === 'relative') parts.push(eventSource(entry));
  else if (parts.length) parts.push(`${BRIEFING_MESSAGES.source}:`);
  return { words: parts.join(' · '), cite };
}

export function stanceWord(side: ClaimSide): string {
  return side.stance === 'denies' ? BRIEFING_MESSAGES.claimDenied : BRIEFING_MESSAGES.claimReported;
}

/** The sides of a dispute in reading order, each with its label: the report, the denials, the confirmations. */
export function disputeSides(d: DisputedClaim): { label: string; side: ClaimSide }[] {
  return [
    { label: stanceWord(d.claim), side: d.claim },
    ...d.against.map((side) => ({ label: stanceWord(side), side })),
    ...(d.confirmedBy ?? []).map((side) => ({ label: BRIEFING_MESSAGES.claimConfirmed, side })),
  ];
}
