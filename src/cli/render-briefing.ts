/** Briefing → terminal text or Markdown (to paste into a document). Pure: data in, string out. */
import type { Briefing, Citation, TimelineEntry } from '../core/briefing-types.ts';
import { BRIEFING_MESSAGES, MESSAGES } from '../render/messages.ts';
import {
  changeLabel,
  citationParts,
  sourceNames,
  disputeSides,
  eventAttribution,
  eventSource,
  formatAsOf,
  restsOn,
  timelineDate,
  whatsNewHeading,
} from '../render/briefing-text.ts';
import { publishedAfter } from '../render/format.ts';
import type { DisputedClaim } from '../core/briefing-types.ts';

export interface BriefingTextOptions {
  /** `markdown`: headings, links and escaped corpus text; `text`: plain lines for a terminal. Default `text`. */
  format?: 'text' | 'markdown';
  /** IANA time zone for the as-of time. Default UTC. */
  timeZone?: string;
}

/** Backslash-escapes what Markdown would read as formatting, links or HTML. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, '\\$&');
}

export function briefingToText(briefing: Briefing, options: BriefingTextOptions = {}): string {
  const md = options.format === 'markdown';
  const esc = md ? escapeMarkdown : (s: string) => s;
  // A line whose text is the headline cites only outlet, date and link.
  const cite = (c: Citation, shown?: string) => {
    const { title, url, meta } = citationParts(c);
    const link = url?.replace(/[()\s]/g, encodeURIComponent);
    if (shown === title) return md ? `${esc(meta)}${link ? ` ([link](${link}))` : ''}` : `${meta}${url ? ` · ${url}` : ''}`;
    if (md) return `${link ? `[${esc(title)}](${link})` : `_${esc(title)}_`}, ${esc(meta)}`;
    return `${title} · ${meta}${url ? ` · ${url}` : ''}`;
  };
  const heading = (s: string) => (md ? `## ${s}` : `${s}\n${'-'.repeat(s.length)}`);
  const bullet = (s: string) => (md ? `- ${s}` : `• ${s}`);
  const bold = (s: string) => (md ? `**${s}**` : s);
  const lines: string[] = [
    md ? `# ${esc(BRIEFING_MESSAGES.title(briefing.story))}` : BRIEFING_MESSAGES.title(briefing.story),
    md
      ? `_As of ${formatAsOf(briefing.asOf, options.timeZone)}. ${esc(restsOn(briefing))}._`
      : `As of ${formatAsOf(briefing.asOf, options.timeZone)}. ${restsOn(briefing)}.`,
    '',
  ];
  const news = whatsNewHeading(briefing, options.timeZone);
  lines.push(news.empty ? (md ? `_${news.heading}_` : news.heading) : heading(news.heading));
  for (const a of briefing.whatsNew.articles) lines.push(bullet(`${BRIEFING_MESSAGES.newArticle}: ${cite(a)}`));
  for (const k of briefing.whatsNew.keyPoints)
    lines.push(bullet(`${changeLabel(k)} — ${bold(esc(k.label))}: ${esc(k.now ?? k.was ?? '')}`));
  lines.push('', heading(BRIEFING_MESSAGES.keyPoints));
  if (briefing.questionsProblem) lines.push(esc(BRIEFING_MESSAGES.questionsProblem(briefing.questionsProblem)));
  else if (briefing.keyPoints.length + briefing.openQuestions.length === 0) lines.push(BRIEFING_MESSAGES.noQuestions);
  for (const k of briefing.keyPoints) {
    const also = k.alsoReportedBy?.length ? ` · ${esc(BRIEFING_MESSAGES.alsoReportedBy(sourceNames(k.alsoReportedBy)))}` : '';
    lines.push(bullet(`${bold(`${esc(k.label)}:`)} ${esc(k.answer)}`), `  — ${cite(k.citation)}${also}`);
    for (const d of k.disputed ?? [])
      lines.push(
        `  ${bold(`${BRIEFING_MESSAGES.disputedLine}:`)} “${esc(d.text)}” — ${cite(d.citation)}${publishedAfter(d.citation, k.citation) ? ` (${MESSAGES.later})` : ''}`,
      );
  }
  if (briefing.openQuestions.length) {
    lines.push('', heading(BRIEFING_MESSAGES.openQuestions));
    for (const o of briefing.openQuestions) lines.push(bullet(`${esc(o.label)} (“${esc(o.question)}”)`));
  }
  if (briefing.disputed) {
    lines.push('', heading(BRIEFING_MESSAGES.disputedHeading));
    if (briefing.disputed.length === 0) lines.push(BRIEFING_MESSAGES.noDisputes);
    for (const d of briefing.disputed) lines.push(...disputeLines(d, bullet, bold, esc, cite));
  }
  lines.push('', heading(BRIEFING_MESSAGES.timeline));
  if (briefing.timelineTotal)
    lines.push(
      md
        ? `_${esc(BRIEFING_MESSAGES.eventsCut(briefing.timeline.length, briefing.timelineTotal))}_`
        : BRIEFING_MESSAGES.eventsCut(briefing.timeline.length, briefing.timelineTotal),
    );
  for (const e of briefing.timeline) lines.push(...timelineLines(e, md, esc, cite));
  return `${lines.join('\n').trimEnd()}\n`;
}

type Fmt = (s: string) => string;

type Cite = (c: Citation, shown?: string) => string;

function disputeLines(d: DisputedClaim, bullet: Fmt, bold: Fmt, esc: Fmt, cite: Cite): string[] {
  const [head, ...rest] = disputeSides(d).map(
    ({ label, side }) => `${bold(`${label}:`)} “${esc(side.text)}” — ${cite(side.citation, side.text)}`,
  );
  return [bullet(head ?? ''), ...rest.map((l) => `  ${l}`), `  ${esc(BRIEFING_MESSAGES.laterSide(d.later))}`];
}

function timelineLines(e: TimelineEntry, md: boolean, esc: Fmt, cite: Cite): string[] {
  const date = timelineDate(e);
  // Briefings made before events were merged (re-shown from history) still have article lines.
  const attribution = () => {
    const { words, cite: c } = eventAttribution(e);
    return `${words ? `${esc(words)} ` : ''}${cite(c, e.text)}`;
  };
  if (md) {
    return e.kind === 'article'
      ? [`- **${date}** — article: ${cite(e.citation)}`]
      : [`- **${date}** — ${esc(e.text)} — ${e.sources ? attribution() : `${esc(eventSource(e))} ${cite(e.citation)}`}`];
  }
  const pad = date.padEnd(13);
  return e.kind === 'article'
    ? [`${pad}article: ${cite(e.citation)}`]
    : [`${pad}${e.text}`, `${' '.repeat(13)}— ${e.sources ? attribution() : `${eventSource(e)} ${cite(e.citation)}`}`];
}
