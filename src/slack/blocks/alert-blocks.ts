/**
 * Alerts → Block Kit blocks and fallback text, as pairs: one article (new or updated), a digest of
 * many, and a watched question a new article answers. Every corpus string is escaped. Pure.
 */
import type { KnownBlock } from '@slack/types';
import { citationLine, formatDate } from '../../render/format.ts';
import type { ArticleAlert } from '../../core/article-alerts.ts';
import { truncateText } from '../../core/text.ts';
import type { Article } from '../../core/types.ts';
import type { WatchHit } from '../../core/watch-hits.ts';
import { ALERT_MESSAGES, MESSAGES } from '../../render/messages.ts';
import { boldWords, escapeMrkdwn, mrkdwnLink, plainUrl } from './escape.ts';
import { contextBlock, fitBlocks, quote, section } from './fit.ts';
import { BLOCK_LIMITS } from './limits.ts';

export interface AlertRenderOptions {
  /** New passages shown in full under "what is new"; the rest are counted. Default 4. */
  maxFreshPassages?: number;
  /** Characters of one passage shown. Default 700. */
  maxPassageChars?: number;
  /** Articles listed in a digest; the rest are counted. Default 60. */
  maxDigestItems?: number;
}

export const DEFAULT_ALERT_RENDER_OPTIONS: Required<AlertRenderOptions> = { maxFreshPassages: 4, maxPassageChars: 700, maxDigestItems: 60 };

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

const urlAfter = (url: string | undefined) => (url ? ` ${plainUrl(url)}` : '');

function metaLine(article: Article, also: readonly Article[]): string {
  const parts = [escapeMrkdwn(article.source ?? MESSAGES.outletUnknown), formatDate(article.published)];
  if (also.length) parts.push(`${ALERT_MESSAGES.alsoCoveredBy} ${also.map((a) => mrkdwnLink(a.url, a.source ?? a.title)).join(', ')}`);
  return parts.join(' · ');
}

function freshBlocks(alert: ArticleAlert, opts: Required<AlertRenderOptions>): KnownBlock[] {
  const shown = alert.fresh.filter((p) => !(alert.kind === 'new' && p.position === 0));
  const blocks: KnownBlock[] = [];
  if (alert.kind === 'new' && alert.fresh.length === 0) return [contextBlock([ALERT_MESSAGES.nothingNew])];
  if (alert.kind === 'new' && shown.length === 0)
    return [contextBlock([alert.passages === 1 ? ALERT_MESSAGES.onlyPassageIsNew : ALERT_MESSAGES.leadIsAllNew(alert.passages)])];
  if (shown.length) {
    const title = alert.kind === 'new' ? ALERT_MESSAGES.whatIsNew(alert.fresh.length, alert.passages) : ALERT_MESSAGES.whatChanged;
    blocks.push(section(title));
    for (const p of shown.slice(0, opts.maxFreshPassages))
      blocks.push(section(quote(escapeMrkdwn(truncateText(p.text, opts.maxPassageChars)))));
    if (shown.length > opts.maxFreshPassages)
      blocks.push(contextBlock([ALERT_MESSAGES.morePassages(shown.length - opts.maxFreshPassages)]));
  }
  if (alert.removedSentences) blocks.push(contextBlock([ALERT_MESSAGES.removedSentences(alert.removedSentences)]));
  return blocks;
}

/** "*Contradicts:* Pentagon · 4 Mar 2025: “no stand-down order”": the earlier claims the article answers. */
function relationLines(alert: ArticleAlert): string[] {
  return (alert.relations ?? []).map((r) => {
    const c = r.claim.citation;
    return `*${ALERT_MESSAGES.relation(r.kind)}:* ${mrkdwnLink(c.url, c.source ?? c.title)} · ${formatDate(c.published)}: “${escapeMrkdwn(truncateText(r.claim.text, 300))}”`;
  });
}

function relationText(alert: ArticleAlert): string {
  return (alert.relations ?? [])
    .map(
      (r) =>
        `${ALERT_MESSAGES.relation(r.kind).toLowerCase()}: ${escapeMrkdwn(r.claim.citation.source ?? r.claim.citation.title)}, ${formatDate(r.claim.citation.published)}: ${escapeMrkdwn(truncateText(r.claim.text, 200))}`,
    )
    .join('; ');
}

export function articleAlertToBlocks(alert: ArticleAlert, options: AlertRenderOptions = {}): KnownBlock[] {
  const opts = { ...DEFAULT_ALERT_RENDER_OPTIONS, ...options };
  const label = alert.kind === 'new' ? ALERT_MESSAGES.newArticle : ALERT_MESSAGES.updatedArticle;
  const blocks: KnownBlock[] = [
    section(`${label}: *${mrkdwnLink(alert.article.url, alert.article.title)}*`),
    contextBlock([metaLine(alert.article, alert.alsoCoveredBy)]),
  ];
  if (alert.lead && alert.kind === 'new') blocks.push(section(quote(escapeMrkdwn(truncateText(alert.lead, opts.maxPassageChars)))));
  const relations = relationLines(alert);
  if (relations.length) blocks.push(section(relations.join('\n')));
  return fitBlocks([...blocks, ...freshBlocks(alert, opts)]);
}

export function articleAlertToText(alert: ArticleAlert): string {
  const label = alert.kind === 'new' ? ALERT_MESSAGES.newArticle : ALERT_MESSAGES.updatedArticle;
  const relations = relationText(alert);
  return truncateText(
    `${label}: ${escapeMrkdwn(alert.article.title)} (${escapeMrkdwn(citationLine(alert.article))})${urlAfter(alert.article.url)}${relations ? ` — ${relations}` : ''}`,
    BLOCK_LIMITS.messageText,
  );
}

function digestItem(alert: ArticleAlert): string {
  const headline = `*${mrkdwnLink(alert.article.url, alert.article.title)}*${alert.kind === 'update' ? ` (${ALERT_MESSAGES.updatedArticle.toLowerCase()})` : ''}`;
  const meta = `${metaLine(alert.article, alert.alsoCoveredBy)} · ${ALERT_MESSAGES.digestItemNew(alert.fresh.length)}`;
  const lead = alert.lead ? `\n${quote(escapeMrkdwn(truncateText(alert.lead, 200)))}` : '';
  const relations = relationLines(alert)
    .map((l) => `\n${l}`)
    .join('');
  return `• ${headline}\n${meta}${lead}${relations}`;
}

/** Items packed into as few sections as the section limit allows, so 50 articles fit one message. */
function packSections(items: readonly string[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let current = '';
  for (const item of items) {
    const text = truncateText(item, BLOCK_LIMITS.sectionText);
    if (current && current.length + text.length + 2 > BLOCK_LIMITS.sectionText) {
      blocks.push(section(current));
      current = '';
    }
    current = current ? `${current}\n\n${text}` : text;
  }
  if (current) blocks.push(section(current));
  return blocks;
}

export function digestToBlocks(alerts: readonly ArticleAlert[], options: AlertRenderOptions = {}): KnownBlock[] {
  const opts = { ...DEFAULT_ALERT_RENDER_OPTIONS, ...options };
  const listed = alerts.slice(0, opts.maxDigestItems);
  const blocks: KnownBlock[] = [section(`*${ALERT_MESSAGES.digestTitle(alerts.length)}*`), ...packSections(listed.map(digestItem))];
  const footer: string[] = [escapeMrkdwn(ALERT_MESSAGES.digestFooter)];
  if (alerts.length > listed.length) footer.unshift(ALERT_MESSAGES.digestMore(alerts.length - listed.length));
  return fitBlocks([...blocks, contextBlock([footer.join(' ')])]);
}

export function digestToText(alerts: readonly ArticleAlert[]): string {
  const lines = [
    ALERT_MESSAGES.digestTitle(alerts.length),
    ...alerts.map((a) => `• ${escapeMrkdwn(a.article.title)} (${escapeMrkdwn(citationLine(a.article))})`),
  ];
  return truncateText(lines.join('\n'), BLOCK_LIMITS.messageText);
}

/** `updated`: the article that answers was already in the corpus and has been updated. */
export function watchHitToBlocks(hit: WatchHit, options: AlertRenderOptions = {}, updated = false): KnownBlock[] {
  const opts = { ...DEFAULT_ALERT_RENDER_OPTIONS, ...options };
  const { answer, watch } = hit;
  const source = answer.results.find((r) => r.passage.id === answer.sentence?.passageId);
  const blocks: KnownBlock[] = [
    contextBlock([`${ALERT_MESSAGES.watchHitTitle(watch.id, updated)}: _${escapeMrkdwn(truncateText(watch.question, 300))}_`]),
    section(boldWords(escapeMrkdwn(answer.sentence?.text ?? ''), answer.sentence?.matchedWords ?? [])),
  ];
  if (source) {
    blocks.push(
      section(
        `*${mrkdwnLink(source.article.url, source.article.title)}*\n${quote(boldWords(escapeMrkdwn(truncateText(source.passage.text, opts.maxPassageChars)), source.matchedWords))}`,
      ),
    );
    blocks.push(contextBlock([metaLine(source.article, []), ALERT_MESSAGES.watchHitFooter(watch.id)]));
  }
  return fitBlocks(blocks);
}

export function watchHitToText(hit: WatchHit, updated = false): string {
  const source = hit.answer.results.find((r) => r.passage.id === hit.answer.sentence?.passageId);
  const cite = source
    ? ` (${escapeMrkdwn(source.article.title)}, ${escapeMrkdwn(citationLine(source.article))})${urlAfter(source.article.url)}`
    : '';
  return truncateText(
    `${ALERT_MESSAGES.watchHitTitle(hit.watch.id, updated)}: ${escapeMrkdwn(hit.answer.sentence?.text ?? '')}${cite}`,
    BLOCK_LIMITS.messageText,
  );
}
