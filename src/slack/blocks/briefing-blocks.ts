/**
 * Briefing → Slack messages (Block Kit + fallback text each), split into several messages when long.
 * Pure. Every corpus, data-file and user string goes through escapeMrkdwn / mrkdwnLink; the only
 * markup Brief adds itself is the on-call mention, from config.
 */
import type { ActionsBlock, KnownBlock } from '@slack/types';
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
} from '../../render/briefing-text.ts';
import { publishedAfter } from '../../render/format.ts';
import type { Briefing, Citation, DisputedClaim, TimelineEntry } from '../../core/briefing-types.ts';
import { DEFAULT_TIME_ZONE } from '../../core/defaults.ts';
import { truncateText } from '../../core/text.ts';
import { BRIEFING_MESSAGES, MESSAGES } from '../../render/messages.ts';
import { boldWords, escapeMrkdwn, mrkdwnLink } from './escape.ts';
import { contextBlock, fitBlocks, header, section, splitIntoMessages } from './fit.ts';
import { BLOCK_LIMITS } from './limits.ts';

export const BRIEFING_ACTIONS = { share: 'brief_briefing_share' } as const;

export interface BriefingBlocksOptions {
  /** IANA time zone for times shown. Default UTC. */
  timeZone?: string;
  /** User-group id (S…) to ping, from config only (BRIEFING_MENTION). */
  mention?: string;
  /** User id of whoever shared the briefing into the channel. */
  sharedBy?: string;
  /** Show the Share-in-channel button (private briefings). Default false. */
  actions?: boolean;
  /** A line of plain text under the header (catch-up, past briefing); escaped here. */
  note?: string;
  /** Timeline entries shown in Slack; the newest are kept. Default 40. */
  maxTimelineEntries?: number;
  /** New articles listed under "New since". Default 10. */
  maxNewArticles?: number;
  /** Characters of corpus text (a sentence, an answer) in one line; headlines are cut at 200. Default 600. */
  maxLineChars?: number;
}

export const DEFAULT_BRIEFING_BLOCKS_OPTIONS: Required<
  Pick<BriefingBlocksOptions, 'timeZone' | 'maxTimelineEntries' | 'maxNewArticles' | 'maxLineChars'>
> = {
  timeZone: DEFAULT_TIME_ZONE,
  maxTimelineEntries: 40,
  maxNewArticles: 10,
  maxLineChars: 600,
};

export interface SlackMessage {
  blocks: KnownBlock[];
  text: string;
}

type Opts = BriefingBlocksOptions & typeof DEFAULT_BRIEFING_BLOCKS_OPTIONS;

/** `<!subteam^S123>` for a user-group id; anything that is not one renders nothing. */
export function userGroupMention(id: string | undefined): string {
  return id && /^S[A-Z0-9]{2,}$/.test(id) ? `<!subteam^${id}>` : '';
}

/** A citation; a line whose text is the headline links the outlet and date instead of repeating it. */
function cite(c: Citation, shown?: string): string {
  const { title, url, meta } = citationParts(c);
  if (shown === title) return mrkdwnLink(url, meta);
  // Cut the plain text before it becomes markup, so a link is never cut in half.
  return `${mrkdwnLink(url, truncateText(title, 200))} · ${escapeMrkdwn(meta)}`;
}

/** Packs lines into section texts under the section limit, one line never split across two. */
function packLines(lines: readonly string[], first?: string): KnownBlock[] {
  const texts: string[] = [];
  let current = first ?? '';
  for (const line of lines) {
    if (current && current.length + 1 + line.length > BLOCK_LIMITS.sectionText) {
      texts.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) texts.push(current);
  return texts.map((t) => section(t));
}

function whatsNewBlocks(b: Briefing, o: Opts): KnownBlock[] {
  const news = whatsNewHeading(b, o.timeZone);
  const mention = userGroupMention(o.mention);
  const title = `${mention ? `${mention} ` : ''}${news.empty ? escapeMrkdwn(news.heading) : `*${escapeMrkdwn(news.heading)}*`}`;
  const shown = b.whatsNew.articles.slice(-o.maxNewArticles);
  const lines = [
    ...(shown.length < b.whatsNew.articles.length
      ? [`• ${escapeMrkdwn(BRIEFING_MESSAGES.newCut(b.whatsNew.articles.length - shown.length))}`]
      : []),
    ...shown.map((a) => `• ${BRIEFING_MESSAGES.newArticle}: ${cite(a)}`),
    ...b.whatsNew.keyPoints.map(
      (k) => `• ${changeLabel(k)}: *${escapeMrkdwn(k.label)}*: ${escapeMrkdwn(truncateText(k.now ?? k.was ?? '', o.maxLineChars))}`,
    ),
  ];
  return packLines(lines, title);
}

function keyPointBlocks(b: Briefing, o: Opts): KnownBlock[] {
  const blocks: KnownBlock[] = [section(`*${BRIEFING_MESSAGES.keyPoints}*`)];
  if (b.questionsProblem) blocks.push(section(escapeMrkdwn(BRIEFING_MESSAGES.questionsProblem(b.questionsProblem))));
  else if (b.keyPoints.length + b.openQuestions.length === 0) blocks.push(section(escapeMrkdwn(BRIEFING_MESSAGES.noQuestions)));
  for (const k of b.keyPoints) {
    const also = k.alsoReportedBy?.length ? [escapeMrkdwn(BRIEFING_MESSAGES.alsoReportedBy(sourceNames(k.alsoReportedBy)))] : [];
    blocks.push(
      section(`*${escapeMrkdwn(k.label)}:* ${boldWords(escapeMrkdwn(k.answer), k.matchedWords)}`),
      contextBlock([cite(k.citation), ...also]),
    );
    const disputed = (k.disputed ?? []).map(
      (d) =>
        `*${BRIEFING_MESSAGES.disputedLine}:* “${escapeMrkdwn(truncateText(d.text, o.maxLineChars))}” — ${cite(d.citation)}${publishedAfter(d.citation, k.citation) ? ` (${MESSAGES.later})` : ''}`,
    );
    if (disputed.length) blocks.push(contextBlock(disputed));
  }
  if (b.openQuestions.length) {
    blocks.push(
      section(
        truncateText(
          `*${BRIEFING_MESSAGES.openQuestions}*\n${b.openQuestions.map((q) => `• ${escapeMrkdwn(q.label)} (“${escapeMrkdwn(q.question)}”)`).join('\n')}`,
          BLOCK_LIMITS.sectionText,
        ),
      ),
    );
  }
  return blocks;
}

function timelineLine(e: TimelineEntry, o: Opts): string {
  const date = `*${timelineDate(e)}*`;
  if (e.kind === 'article') return `• ${date} — article: ${cite(e.citation)}`;
  const text = escapeMrkdwn(truncateText(e.text, o.maxLineChars));
  // Briefings made before events were merged (re-shown from history) have no sources.
  if (!e.sources) return `• ${date} — ${text} _(${escapeMrkdwn(eventSource(e))} ${cite(e.citation)})_`;
  const { words, cite: c } = eventAttribution(e);
  return `• ${date} — ${text} _(${words ? `${escapeMrkdwn(words)} ` : ''}${cite(c, e.text)})_`;
}

function disputeBlocks(b: Briefing, o: Opts): KnownBlock[] {
  if (!b.disputed) return [];
  const lines = b.disputed.length === 0 ? [escapeMrkdwn(BRIEFING_MESSAGES.noDisputes)] : b.disputed.map((d) => disputeText(d, o));
  return [{ type: 'divider' }, ...packLines(lines, `*${BRIEFING_MESSAGES.disputedHeading}*`)];
}

function disputeText(d: DisputedClaim, o: Opts): string {
  const sides = disputeSides(d).map(
    ({ label, side }) => `*${label}:* “${escapeMrkdwn(truncateText(side.text, o.maxLineChars))}” — ${cite(side.citation, side.text)}`,
  );
  return truncateText(`• ${sides.join('\n    ')}\n    _${escapeMrkdwn(BRIEFING_MESSAGES.laterSide(d.later))}_`, BLOCK_LIMITS.sectionText);
}

function timelineBlocks(b: Briefing, o: Opts): KnownBlock[] {
  const dated = b.timeline.filter((e) => e.date);
  const undated = b.timeline.filter((e) => !e.date);
  // Keep the newest dated entries and every undated one: an on-call reader needs the latest first.
  const room = Math.max(0, o.maxTimelineEntries - undated.length);
  const kept = [...dated.slice(Math.max(0, dated.length - room)), ...undated].slice(-o.maxTimelineEntries);
  const cut = b.timeline.length - kept.length;
  const events = b.timelineTotal ? [`_${escapeMrkdwn(BRIEFING_MESSAGES.eventsCut(b.timeline.length, b.timelineTotal))}_`] : [];
  const lines = [
    ...events,
    ...(cut > 0 ? [`_${escapeMrkdwn(BRIEFING_MESSAGES.timelineCut(cut))}_`] : []),
    ...kept.map((e) => timelineLine(e, o)),
  ];
  return packLines(lines, `*${BRIEFING_MESSAGES.timeline}*`);
}

function shareButton(): ActionsBlock {
  return {
    type: 'actions',
    block_id: 'brief_briefing_actions',
    elements: [
      {
        type: 'button',
        text: { type: 'plain_text', text: 'Share in channel', emoji: true },
        action_id: BRIEFING_ACTIONS.share,
        value: 'briefing',
        style: 'primary',
      },
    ],
  };
}

/** The briefing as one or more Slack messages, each within Block Kit's limits and with fallback text. */
export function briefingToMessages(briefing: Briefing, options: BriefingBlocksOptions = {}): SlackMessage[] {
  const o: Opts = { ...DEFAULT_BRIEFING_BLOCKS_OPTIONS, ...options };
  const context = [`As of ${escapeMrkdwn(formatAsOf(briefing.asOf, o.timeZone))}. ${escapeMrkdwn(restsOn(briefing))}.`];
  if (o.note) context.push(escapeMrkdwn(o.note));
  if (o.sharedBy) context.push(BRIEFING_MESSAGES.sharedBy(o.sharedBy.replace(/[^A-Z0-9]/gi, '')));
  const blocks: KnownBlock[] = [
    header(BRIEFING_MESSAGES.title(briefing.story)),
    contextBlock(context),
    ...whatsNewBlocks(briefing, o),
    { type: 'divider' },
    ...keyPointBlocks(briefing, o),
    ...disputeBlocks(briefing, o),
    { type: 'divider' },
    ...timelineBlocks(briefing, o),
    contextBlock([BRIEFING_MESSAGES.footer]),
  ];
  if (o.actions) blocks.push(shareButton());
  // One block is kept free in each message for the "part n of m" line.
  const parts = splitIntoMessages(blocks, BLOCK_LIMITS.blocksPerMessage - 1);
  return parts.map((part, i) => {
    const label = parts.length > 1 && i > 0 ? [contextBlock([escapeMrkdwn(BRIEFING_MESSAGES.partOf(i + 1, parts.length))])] : [];
    return {
      blocks: fitBlocks([...label, ...part]),
      text:
        i === 0
          ? briefingFallbackText(briefing, o)
          : escapeMrkdwn(`${BRIEFING_MESSAGES.title(briefing.story)}: ${BRIEFING_MESSAGES.partOf(i + 1, parts.length)}`),
    };
  });
}

/** Fallback text for notifications and clients without blocks: header, what's new, key points. */
export function briefingFallbackText(briefing: Briefing, options: BriefingBlocksOptions = {}): string {
  const tz = options.timeZone ?? DEFAULT_BRIEFING_BLOCKS_OPTIONS.timeZone;
  const mention = userGroupMention(options.mention);
  const lines = [
    `${mention ? `${mention} ` : ''}${escapeMrkdwn(BRIEFING_MESSAGES.title(briefing.story))}, as of ${escapeMrkdwn(formatAsOf(briefing.asOf, tz))}`,
    escapeMrkdwn(whatsNewHeading(briefing, tz).heading),
    ...briefing.keyPoints.map((k) => `${escapeMrkdwn(k.label)}: ${escapeMrkdwn(k.answer)} (${escapeMrkdwn(k.citation.title)})`),
  ];
  return truncateText(lines.join('\n'), BLOCK_LIMITS.messageText);
}
