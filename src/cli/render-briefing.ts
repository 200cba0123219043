/** Briefing → terminal text or Markdown (to paste into a document). Pure: data in, string out. */
import type { Briefing, Citation, TimelineEntry } from '../core/briefing-types.ts';
import { BRIEFING_MESSAGES } from '../messages.ts';
import { changeLabel, citationParts, eventSource, formatAsOf, restsOn, timelineDate, whatsNewHeading } from './briefing-text.ts';

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
  const cite = (c: Citation) => {
    const { title, url, meta } = citationParts(c);
    if (md) return `${url ? `[${esc(title)}](${url.replace(/[()\s]/g, encodeURIComponent)})` : `_${esc(title)}_`}, ${esc(meta)}`;
    return `${title} · ${meta}${url ? ` · ${url}` : ''}`;
  };
  const heading = (s: string) => (md ? `## ${s}` : `${s}\n${'-'.repeat(s.length)}`);
  const bullet = (s: string) => (md ? `- ${s}` : `• ${s}`);
  const bold = (s: string) => (md ? `**${s}**` : s);
  const lines: string[] = [
    md ? `# ${esc(BRIEFING_MESSAGES.title(briefing.story))}` : BRIEFING_MESSAGES.title(briefing.story),
    md ? `_As of ${formatAsOf(briefing.asOf, options.timeZone)}. ${esc(restsOn(briefing))}._` : `As of ${formatAsOf(briefing.asOf, options.timeZone)}. ${restsOn(briefing)}.`,
    '',
  ];
  const news = whatsNewHeading(briefing, options.timeZone);
  lines.push(news.empty ? (md ? `_${news.heading}_` : news.heading) : heading(news.heading));
  for (const a of briefing.whatsNew.articles) lines.push(bullet(`${BRIEFING_MESSAGES.newArticle}: ${cite(a)}`));
  for (const k of briefing.whatsNew.keyPoints) lines.push(bullet(`${changeLabel(k)} — ${bold(esc(k.label))}: ${esc(k.now ?? k.was ?? '')}`));
  lines.push('', heading(BRIEFING_MESSAGES.keyPoints));
  if (briefing.questionsProblem) lines.push(esc(BRIEFING_MESSAGES.questionsProblem(briefing.questionsProblem)));
  else if (briefing.keyPoints.length + briefing.openQuestions.length === 0) lines.push(BRIEFING_MESSAGES.noQuestions);
  for (const k of briefing.keyPoints) lines.push(bullet(`${bold(`${esc(k.label)}:`)} ${esc(k.answer)}`), `  — ${cite(k.citation)}`);
  if (briefing.openQuestions.length) {
    lines.push('', heading(BRIEFING_MESSAGES.openQuestions));
    for (const o of briefing.openQuestions) lines.push(bullet(`${esc(o.label)} (“${esc(o.question)}”)`));
  }
  lines.push('', heading(BRIEFING_MESSAGES.timeline));
  for (const e of briefing.timeline) lines.push(...timelineLines(e, md, esc, cite));
  return `${lines.join('\n').trimEnd()}\n`;
}

function timelineLines(e: TimelineEntry, md: boolean, esc: (s: string) => string, cite: (c: Citation) => string): string[] {
  const date = timelineDate(e);
  if (md) {
    return e.kind === 'article'
      ? [`- **${date}** — article: ${cite(e.citation)}`]
      : [`- **${date}** — ${esc(e.text)} — ${esc(eventSource(e))} ${cite(e.citation)}`];
  }
  const pad = date.padEnd(13);
  return e.kind === 'article'
    ? [`${pad}article: ${cite(e.citation)}`]
    : [`${pad}${e.text}`, `${' '.repeat(13)}— ${eventSource(e)} ${cite(e.citation)}`];
}
