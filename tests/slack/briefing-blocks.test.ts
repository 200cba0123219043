import { beforeAll, describe, expect, it } from 'vitest';
import { buildBriefing, type Briefing, type StandingQuestion } from '../../src/core/briefing.ts';
import { createEngine } from '../../src/core/engine.ts';
import type { Article } from '../../src/core/types.ts';
import { loadCorpus } from '../../src/corpus/load-corpus.ts';
import { loadStandingQuestions } from '../../src/corpus/load-standing-questions.ts';
import { loadSynonyms } from '../../src/corpus/load-synonyms.ts';
import { BRIEFING_ACTIONS, briefingToMessages, type SlackMessage } from '../../src/slack/blocks/briefing-blocks.ts';
import { BLOCK_LIMITS } from '../../src/slack/blocks/limits.ts';
import path from 'node:path';
import { BUNDLED_CORPUS, FIXTURES } from '../helpers.ts';
import { allText } from './harness.ts';

type AnyBlock = { type: string; text?: { type: string; text: string }; elements?: { type: string; text?: unknown; action_id?: string }[] };

/** Every Block Kit limit Slack enforces on what we build, checked on every message. */
function expectWithinLimits(messages: SlackMessage[]): void {
  for (const m of messages) {
    expect(m.blocks.length).toBeLessThanOrEqual(BLOCK_LIMITS.blocksPerMessage);
    expect(m.text.length).toBeGreaterThan(0);
    expect(m.text.length).toBeLessThanOrEqual(BLOCK_LIMITS.messageText);
    for (const b of m.blocks as AnyBlock[]) {
      if (b.type === 'section') expect(b.text!.text.length).toBeLessThanOrEqual(BLOCK_LIMITS.sectionText);
      if (b.type === 'header') expect(b.text!.text.length).toBeLessThanOrEqual(BLOCK_LIMITS.headerText);
      if (b.type === 'context') {
        expect(b.elements!.length).toBeLessThanOrEqual(BLOCK_LIMITS.contextElements);
        for (const e of b.elements!) expect(String(e.text).length).toBeLessThanOrEqual(BLOCK_LIMITS.contextText);
      }
    }
  }
}

let questions: StandingQuestion[];
let bundled: Briefing;
const asOf = new Date('2025-03-04T07:00:00Z');

beforeAll(async () => {
  const { articles } = await loadCorpus(BUNDLED_CORPUS);
  const sq = await loadStandingQuestions(BUNDLED_CORPUS);
  questions = sq.questions;
  bundled = buildBriefing({
    engine: createEngine(articles, { analyzer: { synonyms: await loadSynonyms(BUNDLED_CORPUS) } }),
    questions,
    story: sq.story,
    asOf,
  });
});

describe('briefingToMessages', () => {
  it('renders the bundled briefing as one message: header, as-of and counts, key points, timeline, Share', () => {
    const messages = briefingToMessages(bundled, { actions: true, timeZone: 'Europe/London' });
    expect(messages).toHaveLength(1);
    const [m] = messages;
    const blocks = m!.blocks as AnyBlock[];
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Briefing: US pause of offensive cyber operations against Russia' } });
    const text = allText(blocks);
    expect(text).toMatch(/As of 4 Mar 2025, 07:00 GMT\. Rests on 2 articles \(outlet unknown for 2\)\./);
    expect(text).toMatch(/\*Who ordered the pause:\* .*\*?Hegseth/);
    expect(text).toMatch(/\*28 Feb 2025\* — This decision was made/);
    // Issue 13: events, not "article:" lines; the 3 Mar article's report is the story's first.
    expect(text).toMatch(
      /\*3 Mar 2025\* — Pentagon Halts U\.S\. Cyber Offensive Attacks .*_\(First report · source: outlet unknown · 3 Mar 2025\)_/,
    );
    expect(text).not.toMatch(/article: /);
    expect(blocks.at(-1)?.elements?.[0]?.action_id).toBe(BRIEFING_ACTIONS.share);
    expect(m!.text).toMatch(/Who ordered the pause: .*Hegseth/);
    expectWithinLimits(messages);
  });

  it('puts the on-call mention (from config only) first, and drops anything that is not a user-group id', () => {
    const [m] = briefingToMessages(bundled, { mention: 'S0ONCALL' });
    expect(m!.text.startsWith('<!subteam^S0ONCALL> ')).toBe(true);
    expect(allText(m!.blocks)).toContain('<!subteam^S0ONCALL> First briefing here');
    const [bad] = briefingToMessages(bundled, { mention: 'S0X> <!channel' });
    expect(allText(bad)).not.toMatch(/subteam|<!channel/);
  });

  it('escapes corpus text and standing questions, so no article can post <!channel> or a disguised link', () => {
    const evil: Article = {
      id: 'evil',
      title: '<!channel> Breaking & <https://evil.example|click>',
      source: '<!here>',
      url: 'javascript:alert(1)',
      published: '2025-03-05',
      body: 'On Monday the <!everyone> group <@U123> met & agreed the pause was over.',
    };
    const q: StandingQuestion[] = [{ id: 'met', label: '<!channel> who met', ask: 'who met and agreed the pause was over' }];
    const b = buildBriefing({ engine: createEngine([evil]), questions: q, story: '<!here> story', asOf });
    const messages = briefingToMessages(b, { actions: true });
    // Header blocks are plain_text, which Slack never parses for mentions or links.
    const all = allText(messages.map((m) => [m.text, m.blocks.filter((bl) => bl.type !== 'header')]));
    expect(all).not.toMatch(/<!channel>|<!here>|<!everyone>|<@U123>|<https:\/\/evil|javascript:/);
    expect(all).toContain('&lt;!channel&gt;');
    expectWithinLimits(messages);
  });

  it('stays within Block Kit limits for a long briefing, split into parts with the newest timeline kept', () => {
    const articles: Article[] = Array.from({ length: 150 }, (_, i) => ({
      id: `a${String(i).padStart(3, '0')}`,
      title: `Update ${i}: ${'very long headline words '.repeat(12)}`,
      source: `Outlet ${i % 7}`,
      url: `https://example.com/${i}`,
      ...(i % 10 === 0 ? {} : { published: `2025-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}` }),
      // Each article's words differ (its number), or they would be collapsed as wire copies of one another.
      body: `On Friday officials met about the pause, item ${i}. ${`More words about the cyber pause and its limits, note ${i}. `.repeat(30)}`,
    }));
    const many: StandingQuestion[] = Array.from({ length: 20 }, (_, i) => ({
      id: `q${i}`,
      label: `Question ${i} ${'label '.repeat(15)}`,
      ask: i === 0 ? 'what is the capital of France' : `officials met about the pause item ${i}`,
    }));
    const b = buildBriefing({
      engine: createEngine(articles),
      questions: many,
      story: 'x'.repeat(300),
      asOf,
      previous: { asOf: '2025-03-01T00:00:00Z', articleIds: [], keyPoints: [], openQuestions: [] },
      timeline: { maxEvents: Infinity, sameEvent: 1.1 },
    });
    expect(b.timeline.length).toBeGreaterThan(150);
    const messages = briefingToMessages(b, { actions: true });
    expect(b.keyPoints.length).toBeGreaterThan(15);
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.length).toBeLessThanOrEqual(4); // response_url allows 5 uses
    expectWithinLimits(messages);
    const all = allText(messages);
    expect(all).toMatch(/earlier timeline entries not shown/);
    expect(all).toMatch(/…and 140 more new articles/);
    expect(allText(messages[1]!.blocks[0])).toMatch(/part 2 of/);
    expect((messages.at(-1)!.blocks.at(-1) as AnyBlock).elements?.[0]?.action_id).toBe(BRIEFING_ACTIONS.share);
  });

  it('lists standing questions without a confident answer as open, not padded', () => {
    const b = buildBriefing({ engine: createEngine([]), questions, asOf });
    const text = allText(briefingToMessages(b));
    expect(text).toMatch(/Open questions \(no confident answer in the corpus\)\*\n• Who ordered the pause \(“who ordered the pause”\)/);
    expect(b.keyPoints).toEqual([]);
  });

  it('shows a multi-outlet story: Disputed lines under key points, the disputed section, events with their outlets and the first report', async () => {
    const dir = path.join(FIXTURES, 'corpus-briefing-story');
    const { articles } = await loadCorpus(dir);
    const sq = await loadStandingQuestions(dir);
    const b = buildBriefing({
      engine: createEngine(articles, { analyzer: { synonyms: await loadSynonyms(dir) } }),
      questions: sq.questions,
      story: sq.story,
      asOf: new Date('2025-07-12T07:00:00Z'),
    });
    const messages = briefingToMessages(b);
    expectWithinLimits(messages);
    const text = allText(messages);
    expect(text).toMatch(
      /\*Disputed:\* “The Transport Ministry denied reports[^”]*” — <https:\/\/capital\.example\/ministry-denies\|Ministry denies Varga halted Kessel inspections> · Capital Times · 4 Jun 2025/,
    );
    expect(text).toMatch(
      /\*What is disputed\*\n• \*Reported:\* “Exclusive: Varga orders customs inspections at Kessel halted” — <https:\/\/ledger\.example\/varga-orders-halt\|The Ledger · 2 Jun 2025>\n +\*Denied:\* “Ministry denies Varga halted Kessel inspections” — <https:\/\/capital\.example\/ministry-denies\|Capital Times · 4 Jun 2025>\n +\*Confirmed later:\* .*\n +_Latest word: the report’s side\._/,
    );
    expect(text).toMatch(
      /\*2 Jun 2025\* — Exclusive: Varga orders customs inspections at Kessel halted _\(First report · reported by The Ledger, Wire Service and Daily Courier · first: <https:\/\/ledger\.example\/varga-orders-halt\|The Ledger · 2 Jun 2025>\)_/,
    );
  });
});
