/** Block builders that keep to Slack's limits: long text is cut with an ellipsis, long lists split. */
import type { ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import { truncateText } from '../../core/text.ts';
import { BLOCK_LIMITS } from './limits.ts';

/** A mrkdwn section, cut to the section limit. `text` must already be escaped. */
export function section(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncateText(text, BLOCK_LIMITS.sectionText) } };
}

/** A plain-text header, cut to the header limit. Plain text is not parsed, so it needs no escaping. */
export function header(text: string): HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: truncateText(text, BLOCK_LIMITS.headerText), emoji: true } };
}

/** A context block of mrkdwn elements (at most 10, each cut to the limit). Texts must be escaped. */
export function contextBlock(texts: readonly string[]): ContextBlock {
  return {
    type: 'context',
    elements: texts
      .slice(0, BLOCK_LIMITS.contextElements)
      .map((text) => ({ type: 'mrkdwn', text: truncateText(text, BLOCK_LIMITS.contextText) })),
  };
}

/** Quotes every line of escaped text as a mrkdwn block quote. */
export function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
}

/** Caps a message at the block limit, saying how much was left out. */
export function fitBlocks(blocks: KnownBlock[]): KnownBlock[] {
  if (blocks.length <= BLOCK_LIMITS.blocksPerMessage) return blocks;
  const kept = blocks.slice(0, BLOCK_LIMITS.blocksPerMessage - 1);
  return [
    ...kept,
    contextBlock([`…${blocks.length - kept.length} more blocks not shown (Slack allows ${BLOCK_LIMITS.blocksPerMessage} per message).`]),
  ];
}

/**
 * Splits a long list of blocks into messages of at most the block limit, breaking before a
 * `divider` or `header` where possible so a section is not separated from its context line.
 */
export function splitIntoMessages(blocks: readonly KnownBlock[], max: number = BLOCK_LIMITS.blocksPerMessage): KnownBlock[][] {
  const messages: KnownBlock[][] = [];
  let current: KnownBlock[] = [];
  for (const [i, block] of blocks.entries()) {
    if (current.length === max) {
      let cut = current.length;
      for (let j = current.length - 1; j > max / 2; j--) {
        const t = current[j]?.type;
        if (t === 'divider' || t === 'header') {
          cut = j;
          break;
        }
      }
      messages.push(current.slice(0, cut));
      current = current.slice(cut);
    }
    current.push(block);
    if (i === blocks.length - 1) messages.push(current);
  }
  return messages;
}
