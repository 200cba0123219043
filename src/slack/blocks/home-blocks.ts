/**
 * The Home tab as a Block Kit view: the story's status, the latest briefing's key points, the
 * newest articles, the watches in the user's channels, and buttons for a fresh briefing and help.
 * Pure. Every corpus, data-file and user string goes through escapeMrkdwn / mrkdwnLink.
 */
import type { HomeView, KnownBlock } from '@slack/types';
import { citationParts, formatAsOf } from '../../render/briefing-text.ts';
import type { Briefing } from '../../core/briefing-types.ts';
import type { CorpusStats } from '../../core/engine.ts';
import { truncateText } from '../../core/text.ts';
import type { Article } from '../../core/types.ts';
import { citationLine, formatDate } from '../../render/format.ts';
import { HOME_MESSAGES } from '../../render/messages.ts';
import type { Watch } from '../../state/watch-store.ts';
import { escapeMrkdwn, mrkdwnLink } from './escape.ts';
import { contextBlock, fitBlocks, header, section } from './fit.ts';
import { BLOCK_LIMITS } from './limits.ts';

export const HOME_ACTIONS = { briefing: 'brief_home_briefing', help: 'brief_home_help' } as const;

export interface HomeInput {
  story: string;
  /** Undefined while the corpus is still being indexed. */
  stats?: CorpusStats;
  /** Newest first. */
  newest: readonly Article[];
  latest?: Briefing;
  /** Watches in the user's channels. */
  watches: readonly Watch[];
  timeZone?: string;
}

export interface HomeOptions {
  /** Newest articles listed. Default 5. */
  maxArticles?: number;
  /** Watches listed; the rest are counted. Default 15. */
  maxWatches?: number;
  /** Characters of one key point's answer. Default 300. */
  maxAnswerChars?: number;
}

export const DEFAULT_HOME_OPTIONS: Required<HomeOptions> = { maxArticles: 5, maxWatches: 15, maxAnswerChars: 300 };

/** `<#C123>` for a channel id; anything that is not one is shown escaped, never as markup. */
function channelRef(id: string): string {
  return /^[CG][A-Z0-9]{2,}$/.test(id) ? `<#${id}>` : escapeMrkdwn(id);
}

function statusBlocks(input: HomeInput): KnownBlock[] {
  if (!input.stats) return [section(escapeMrkdwn(HOME_MESSAGES.indexing))];
  const { articles, outlets, newestPublished } = input.stats;
  const newest = input.newest[0];
  const lines = [
    `*${HOME_MESSAGES.status}:* ${escapeMrkdwn(HOME_MESSAGES.counts(articles, outlets.length))}`,
    ...(newestPublished
      ? [
          `${escapeMrkdwn(HOME_MESSAGES.newest(formatDate(newestPublished)))}${newest ? `: ${mrkdwnLink(newest.url, truncateText(newest.title, 200))} · ${escapeMrkdwn(newest.source ?? '')}`.replace(/ · $/, '') : ''}`,
        ]
      : []),
  ];
  return [section(lines.join('\n'))];
}

function keyPointBlocks(input: HomeInput, o: Required<HomeOptions>): KnownBlock[] {
  const b = input.latest;
  if (!b) return [section(`*${HOME_MESSAGES.keyPoints}*\n${escapeMrkdwn(HOME_MESSAGES.noBriefing)}`)];
  const title = `*${HOME_MESSAGES.keyPoints}* _(${escapeMrkdwn(HOME_MESSAGES.briefingOf(formatAsOf(b.asOf, input.timeZone)))})_`;
  const lines = b.keyPoints.map((k) => {
    const { meta } = citationParts(k.citation);
    const disputed = k.disputed?.length ? ` _${escapeMrkdwn(HOME_MESSAGES.disputedBy(k.disputed.length))}_` : '';
    return `• *${escapeMrkdwn(k.label)}:* ${escapeMrkdwn(truncateText(k.answer, o.maxAnswerChars))} — ${mrkdwnLink(k.citation.url, meta)}${disputed}`;
  });
  if (b.openQuestions.length) lines.push(`_${escapeMrkdwn(HOME_MESSAGES.open(b.openQuestions.map((q) => q.label)))}_`);
  if (!lines.length) lines.push(escapeMrkdwn(HOME_MESSAGES.noKeyPoints));
  return [section(truncateText(`${title}\n${lines.join('\n')}`, BLOCK_LIMITS.sectionText))];
}

function newestBlocks(input: HomeInput, o: Required<HomeOptions>): KnownBlock[] {
  const shown = input.newest.slice(0, o.maxArticles);
  if (!shown.length) return [];
  const lines = shown.map((a) => `• ${mrkdwnLink(a.url, truncateText(a.title, 200))} · ${escapeMrkdwn(citationLine(a))}`);
  return [section(truncateText(`*${HOME_MESSAGES.newestArticles}*\n${lines.join('\n')}`, BLOCK_LIMITS.sectionText))];
}

function watchBlocks(input: HomeInput, o: Required<HomeOptions>): KnownBlock[] {
  if (!input.watches.length) return [section(`*${HOME_MESSAGES.watches}*\n${escapeMrkdwn(HOME_MESSAGES.noWatches)}`)];
  const shown = input.watches.slice(0, o.maxWatches);
  const lines = shown.map((w) => `• ${channelRef(w.channel)} #${w.id}: _${escapeMrkdwn(truncateText(w.question, 200))}_`);
  if (input.watches.length > shown.length) lines.push(escapeMrkdwn(HOME_MESSAGES.moreWatches(input.watches.length - shown.length)));
  return [section(truncateText(`*${HOME_MESSAGES.watches}*\n${lines.join('\n')}`, BLOCK_LIMITS.sectionText))];
}

export function homeToView(input: HomeInput, options: HomeOptions = {}): HomeView {
  const o = { ...DEFAULT_HOME_OPTIONS, ...options };
  const blocks: KnownBlock[] = [
    header(HOME_MESSAGES.title(input.story)),
    ...statusBlocks(input),
    { type: 'divider' },
    ...keyPointBlocks(input, o),
    { type: 'divider' },
    ...newestBlocks(input, o),
    ...watchBlocks(input, o),
    {
      type: 'actions',
      block_id: 'brief_home_actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: HOME_MESSAGES.briefingButton, emoji: true },
          action_id: HOME_ACTIONS.briefing,
          value: 'briefing',
          style: 'primary',
        },
        {
          type: 'button',
          text: { type: 'plain_text', text: HOME_MESSAGES.helpButton, emoji: true },
          action_id: HOME_ACTIONS.help,
          value: 'help',
        },
      ],
    },
    contextBlock([HOME_MESSAGES.footer]),
  ];
  return { type: 'home', blocks: fitBlocks(blocks) };
}
