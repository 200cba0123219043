/** Answer → Block Kit blocks and fallback text: a pair, so every message has both. Pure. */
import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import { answerLead, disputeSides, formatDate, outletList } from '../../render/format.ts';
import type { Answer, Article, RankedPassage } from '../../core/types.ts';
import { MESSAGES, SLACK_MESSAGES } from '../../render/messages.ts';
import { boldWords, escapeMrkdwn, mrkdwnLink, plainUrl } from './escape.ts';
import { contextBlock, fitBlocks, quote, section } from './fit.ts';
import { truncateText } from '../../core/text.ts';
import { BLOCK_LIMITS } from './limits.ts';

export const ACTIONS = {
  share: 'brief_share',
  more: 'brief_more',
  feedbackUp: 'brief_feedback_up',
  feedbackDown: 'brief_feedback_down',
} as const;

/**
 * Most passages one private answer shows as More results adds to it: each takes three blocks
 * (divider, passage, sources) of the message's 50.
 */
export const MAX_RESULTS_SHOWN = 15;

/** What a button carries back: enough to redo the answer without server-side session state. */
export interface AnswerActionValue {
  q: string;
  o: number;
  t: number;
  p?: string;
}

/**
 * The button value as JSON within Slack's 2,000-character limit. The limit is on the encoded text,
 * where a `"` or a backslash takes two characters and a control character six, so the question is cut
 * until the encoding fits.
 */
export function encodeActionValue(value: AnswerActionValue): string {
  const json = JSON.stringify(value);
  if (json.length <= BLOCK_LIMITS.buttonValue) return json;
  let lo = 0;
  let hi = Math.min(value.q.length, BLOCK_LIMITS.buttonValue);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (JSON.stringify({ ...value, q: value.q.slice(0, mid) }).length <= BLOCK_LIMITS.buttonValue) lo = mid;
    else hi = mid - 1;
  }
  // Never end on half a surrogate pair.
  const cut = /[\uD800-\uDBFF]$/.test(value.q.slice(0, lo)) ? lo - 1 : lo;
  return JSON.stringify({ ...value, q: value.q.slice(0, cut) });
}

export interface AnswerRenderContext {
  /** Articles in the corpus, the newest `published`, and when the corpus was last (re)loaded. */
  corpus: { articles: number; newestPublished?: string; loadedAt: string };
  /** Looks up the headlines of other articles for "also reported by". */
  articleTitle(id: string): Article | undefined;
  offset?: number;
  top?: number;
  /** Set when someone shared the answer into the channel: their user id. */
  sharedBy?: string;
  /** Buttons (share, more, feedback) on private answers. Default true. */
  actions?: boolean;
  /** Show the question above the answer (private answers: Slack does not echo an ephemeral slash command). Default false. */
  showQuestion?: boolean;
  /** How many more passages the More results button adds. Default `top`. */
  moreStep?: number;
}

function passageBlocks(hit: RankedPassage, n: number, ctx: AnswerRenderContext): KnownBlock[] {
  const { passage, article } = hit;
  const headline = `*${n}. ${mrkdwnLink(article.url, article.title)}*`;
  const body = quote(boldWords(escapeMrkdwn(passage.text), hit.matchedWords));
  const meta = [escapeMrkdwn(article.source ?? MESSAGES.outletUnknown), formatDate(article.published)];
  if (passage.heading) meta.push(`_${escapeMrkdwn(passage.heading)}_`);
  const also = hit.alsoReportedBy ?? passage.alsoIn.map((id) => ctx.articleTitle(id)).filter((a): a is Article => !!a);
  if (also.length) meta.push(`also reported by ${also.map((a) => mrkdwnLink(a.url, a.source ?? a.title)).join(', ')}`);
  return [section(`${headline}\n${body}`), contextBlock([meta.join(' · ')])];
}

/** "Sources disagree": each side labelled, with its outlet linked, its date and a short quote. */
function disputeBlocks(answer: Answer): KnownBlock[] {
  const sides = disputeSides(answer);
  if (sides.length === 0) return [];
  const lines = sides.map(({ label, hit, later }) => {
    const { article, passage } = hit;
    const source = mrkdwnLink(article.url, article.source ?? article.title);
    return `• *${label}* · ${source}, ${formatDate(article.published)}${later ? ` (${MESSAGES.later})` : ''}: “${escapeMrkdwn(truncateText(passage.text, 280))}”`;
  });
  return [section(`*${MESSAGES.disputedHeading}*\n${lines.join('\n')}`)];
}

function freshnessLine(ctx: AnswerRenderContext): string {
  const newest = ctx.corpus.newestPublished ? `newest article ${formatDate(ctx.corpus.newestPublished)}` : 'no dated articles';
  const loaded = new Date(ctx.corpus.loadedAt).toISOString().slice(0, 16).replace('T', ' ');
  return `Corpus: ${ctx.corpus.articles} article${ctx.corpus.articles === 1 ? '' : 's'}, ${newest} · reloaded ${loaded} UTC`;
}

export function answerToBlocks(answer: Answer, ctx: AnswerRenderContext): KnownBlock[] {
  const offset = ctx.offset ?? 0;
  const top = ctx.top ?? answer.results.length;
  const blocks: KnownBlock[] = [];
  if (ctx.showQuestion && !ctx.sharedBy && answer.question.trim())
    blocks.push(contextBlock([`${SLACK_MESSAGES.youAsked} _${escapeMrkdwn(truncateText(answer.question, 300))}_`]));
  if (ctx.sharedBy)
    blocks.push(
      contextBlock([
        `<@${ctx.sharedBy.replace(/[^A-Z0-9]/gi, '')}> shared an answer from Brief to: _${escapeMrkdwn(truncateText(answer.question, 300))}_`,
      ]),
    );
  const lead = answerLead(answer);
  const isAnswer = lead.isAnswer;
  const leadText = isAnswer && answer.sentence ? boldWords(escapeMrkdwn(lead.text), answer.sentence.matchedWords) : escapeMrkdwn(lead.text);
  blocks.push(section(offset > 0 ? `More results for _${escapeMrkdwn(truncateText(answer.question, 300))}_` : leadText));
  if (isAnswer && offset === 0) blocks.push(...disputeBlocks(answer));
  if (!answer.problem && answer.results.length === 0) {
    const unknown = answer.unknownTerms.length ? ` Not in the corpus: ${answer.unknownTerms.map(escapeMrkdwn).join(', ')}.` : '';
    blocks.push(contextBlock([`Try other words, or \`/brief help\` for examples.${unknown}`]));
  }
  const corrections = Object.entries(answer.corrections);
  if (corrections.length)
    blocks.push(
      contextBlock([`Searched ${corrections.map(([from, to]) => `“${escapeMrkdwn(from)}” as “${escapeMrkdwn(to)}…”`).join(', ')}`]),
    );
  answer.results.forEach((hit, i) => {
    blocks.push({ type: 'divider' }, ...passageBlocks(hit, offset + i + 1, ctx));
  });
  if (answer.results.length) blocks.push(contextBlock([freshnessLine(ctx)]));
  if ((ctx.actions ?? true) && answer.results.length) blocks.push(actionsBlock(answer, offset, top, ctx.moreStep ?? top));
  return fitBlocks(blocks);
}

function button(text: string, actionId: string, value: string, style?: 'primary'): Button {
  return { type: 'button', text: { type: 'plain_text', text, emoji: true }, action_id: actionId, value, ...(style ? { style } : {}) };
}

/**
 * Share posts what is shown (the answer and every passage on the page); More results asks for the
 * page again with `step` more passages (`o` passages shown so far, `t` to add).
 */
function actionsBlock(answer: Answer, offset: number, top: number, step: number): ActionsBlock {
  const shown = offset + answer.results.length;
  const value = encodeActionValue({
    q: answer.question,
    o: offset,
    t: Math.max(1, Math.min(top, answer.results.length)),
    ...(answer.sentence ? { p: answer.sentence.passageId } : {}),
  });
  const elements = [button('Share in channel', ACTIONS.share, value, 'primary')];
  if (answer.totalMatches > shown && shown < MAX_RESULTS_SHOWN) {
    elements.push(button('More results', ACTIONS.more, encodeActionValue({ q: answer.question, o: shown, t: step })));
  }
  elements.push(button('👍', ACTIONS.feedbackUp, value), button('👎', ACTIONS.feedbackDown, value));
  return { type: 'actions', block_id: 'brief_answer_actions', elements };
}

/** Plain fallback text (notifications, clients without blocks): the lead line and the sources. */
export function answerToText(answer: Answer, ctx: Pick<AnswerRenderContext, 'offset'> = {}): string {
  const lines = [escapeMrkdwn(answerLead(answer).text)];
  const sides = disputeSides(answer);
  if (sides.length)
    lines.push(
      `${MESSAGES.disputedHeading} ${sides.map(({ label, hit }) => `${label} (${escapeMrkdwn(outletList([hit.article]))}, ${formatDate(hit.article.published)})`).join('; ')}`,
    );
  answer.results.forEach(({ article }, i) => {
    lines.push(
      `${(ctx.offset ?? 0) + i + 1}. ${escapeMrkdwn(article.title)} (${escapeMrkdwn(article.source ?? MESSAGES.outletUnknown)}, ${formatDate(article.published)})${article.url ? ` ${plainUrl(article.url)}` : ''}`,
    );
  });
  return truncateText(lines.join('\n'), BLOCK_LIMITS.messageText);
}
