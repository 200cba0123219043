import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/core/engine.ts';
import { answerToBlocks, answerToText, encodeActionValue } from '../../src/slack/blocks/answer-blocks.ts';
import { boldWords, escapeMrkdwn, mrkdwnLink } from '../../src/slack/blocks/escape.ts';
import { fitBlocks, header, section, splitIntoMessages } from '../../src/slack/blocks/fit.ts';
import { BLOCK_LIMITS } from '../../src/slack/blocks/limits.ts';
import { allText } from './harness.ts';

const engine = createEngine(
  Array.from({ length: 30 }, (_, i) => ({
    id: `a${i}`,
    title: `Headline ${i} ${'long '.repeat(i === 0 ? 60 : 1)}`,
    source: 'Outlet',
    published: '2025-03-03',
    body: `Cyber story number ${i}. ${'Very long passage text about cyber. '.repeat(i === 0 ? 200 : 3)}`,
  })),
  { passages: { maxChars: 100_000 } },
);
const ctx = { corpus: { articles: 30, loadedAt: '2025-03-03T10:00:00Z' }, articleTitle: (id: string) => engine.article(id) };

describe('answer renderer', () => {
  it('keeps a huge answer within every limit', () => {
    const answer = engine.answer('cyber story', { top: 40 });
    const blocks = answerToBlocks(answer, ctx);
    expect(blocks.length).toBeLessThanOrEqual(BLOCK_LIMITS.blocksPerMessage);
    for (const b of blocks) {
      if (b.type === 'section') expect(b.text!.text.length).toBeLessThanOrEqual(BLOCK_LIMITS.sectionText);
      if (b.type === 'context')
        for (const e of b.elements) expect('text' in e && e.text.length).toBeLessThanOrEqual(BLOCK_LIMITS.contextText);
    }
    expect(answerToText(answer).length).toBeLessThanOrEqual(BLOCK_LIMITS.messageText);
  });

  it('always has fallback text, even for a problem', () => {
    expect(answerToText(engine.answer(''))).toMatch(/Ask a question/);
  });

  it('keeps button values within the limit for long questions', () => {
    expect(encodeActionValue({ q: 'q"'.repeat(1500), o: 0, t: 3 }).length).toBeLessThanOrEqual(BLOCK_LIMITS.buttonValue);
  });

  it.each([['"'], ['\\'], ['\u0001'], ['😀']])('keeps button values within the limit for a question padded with %j (item 4)', (pad) => {
    const q = `who ordered the pause ${pad.repeat(1500)}`;
    const encoded = encodeActionValue({ q, o: 0, t: 3, p: 'a1#p0' });
    expect(encoded.length).toBeLessThanOrEqual(BLOCK_LIMITS.buttonValue);
    const decoded = JSON.parse(encoded) as { q: string; p: string };
    expect(q.startsWith(decoded.q)).toBe(true);
    expect(decoded.q.length).toBeGreaterThan(100);
    expect(decoded.p).toBe('a1#p0');
  });

  it('shows "date unknown" and "outlet unknown" for missing metadata', () => {
    const bare = createEngine([{ id: 'x', title: 'Bare', body: 'Cyber pause text.' }]);
    expect(allText(answerToBlocks(bare.answer('cyber pause'), { ...ctx, articleTitle: (id) => bare.article(id) }))).toMatch(
      /outlet unknown · date unknown/,
    );
  });
});

describe('escaping', () => {
  it('neutralises Slack control sequences', () => {
    expect(escapeMrkdwn('<!channel> & <@U1> <http://x|y>')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt; &lt;http://x|y&gt;');
  });
  it('links only plain http(s) URLs and escapes labels', () => {
    expect(mrkdwnLink('https://example.com/a?b=1&c=2', 'A <b>|c')).toBe('<https://example.com/a?b=1&amp;c=2|A &lt;b&gt;¦c>');
    expect(mrkdwnLink('javascript:alert(1)', 'x')).toBe('x');
    expect(mrkdwnLink('https://e.com/>|<!channel>', 'x')).toBe('x');
  });
  it('bolds whole words only', () => {
    expect(boldWords('Hegseth and Hegseths', ['Hegseth'])).toBe('*Hegseth* and Hegseths');
  });
});

describe('fitting', () => {
  it('cuts section and header text with an ellipsis', () => {
    expect(section('x'.repeat(5000)).text!.text.length).toBeLessThanOrEqual(BLOCK_LIMITS.sectionText);
    expect(header('y'.repeat(500)).text.text.length).toBeLessThanOrEqual(BLOCK_LIMITS.headerText);
  });
  it('caps a message at 50 blocks and says what was left out', () => {
    const blocks = fitBlocks(Array.from({ length: 80 }, (_, i) => section(`s${i}`)));
    expect(blocks).toHaveLength(50);
    expect(allText(blocks.at(-1))).toMatch(/31 more blocks not shown/);
  });
  it('splits a long list into messages of at most 50 blocks, keeping every block', () => {
    const blocks = Array.from({ length: 130 }, (_, i) => (i % 5 === 0 ? { type: 'divider' as const } : section(`s${i}`)));
    const messages = splitIntoMessages(blocks);
    expect(messages.every((m) => m.length <= 50 && m.length > 0)).toBe(true);
    expect(messages.flat()).toEqual(blocks);
  });
});
