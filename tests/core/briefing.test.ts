import { beforeAll, describe, expect, it } from 'vitest';
import { findDates } from '../../src/core/briefing-dates.ts';
import { buildBriefing, isNothingNew, type StandingQuestion } from '../../src/core/briefing.ts';
import { createEngine, type Engine } from '../../src/core/engine.ts';
import type { Article } from '../../src/core/types.ts';
import { loadCorpus } from '../../src/corpus/load-corpus.ts';
import { loadStandingQuestions } from '../../src/corpus/load-standing-questions.ts';
import { loadSynonyms } from '../../src/corpus/load-synonyms.ts';
import { BUNDLED_CORPUS } from '../helpers.ts';

let bundled: Engine;
let articles: Article[];
let questions: StandingQuestion[];
let story: string | undefined;
const asOf = new Date('2025-03-04T07:00:00Z');

beforeAll(async () => {
  ({ articles } = await loadCorpus(BUNDLED_CORPUS));
  bundled = createEngine(articles, { analyzer: { synonyms: await loadSynonyms(BUNDLED_CORPUS) } });
  ({ questions, story } = await loadStandingQuestions(BUNDLED_CORPUS));
});

describe('findDates', () => {
  it('reads explicit dates, with or without a weekday, and ISO days', () => {
    expect(findDates('It began on Monday, March 3, 2025, at dawn.')).toEqual([
      { date: '2025-03-03', words: 'Monday, March 3, 2025', from: 'text' },
    ]);
    expect(findDates('Signed 28 February 2025 and filed 2025-03-01.')).toEqual([
      { date: '2025-02-28', words: '28 February 2025', from: 'text' },
      { date: '2025-03-01', words: '2025-03-01', from: 'text' },
    ]);
  });

  it('takes a missing year from the publication date, and never guesses one', () => {
    expect(findDates('The order came on March 1.', '2025-03-03')).toEqual([{ date: '2025-03-01', words: 'March 1', from: 'text' }]);
    expect(findDates('The order came on March 1.')).toEqual([]);
  });

  it('counts a weekday back from the publication date: "Friday" in a Monday article is the Friday before', () => {
    expect(findDates('a heated dispute on Friday between them', '2025-03-03')).toEqual([
      { date: '2025-02-28', words: 'Friday', from: 'relative' },
    ]);
    expect(findDates('officials said yesterday', '2025-03-03T09:00:00Z')).toEqual([
      { date: '2025-03-02', words: 'yesterday', from: 'relative' },
    ]);
    expect(findDates('It happened last Monday.', '2025-03-03')[0]?.date).toBe('2025-02-24');
  });

  it('leaves unresolvable or forward-looking days alone', () => {
    expect(findDates('a heated dispute on Friday')).toEqual([]); // undated article
    expect(findDates('They will meet on Friday.', '2025-03-03')).toEqual([]);
    expect(findDates('talks next Friday', '2025-03-03')).toEqual([]);
    expect(findDates('It may 5 times fail; on February 30, 2025 nothing.', '2025-03-03')).toEqual([]);
  });
});

describe('buildBriefing on the bundled corpus', () => {
  it('names Hegseth in its key points, each cited to a passage of a real article', () => {
    const b = buildBriefing({ engine: bundled, questions, story, asOf });
    expect(b.story).toBe('US pause of offensive cyber operations against Russia');
    const who = b.keyPoints.find((k) => k.id === 'who-ordered');
    expect(who?.answer).toMatch(/Hegseth/);
    for (const k of b.keyPoints) {
      expect(bundled.passage(k.citation.passageId ?? '')?.text).toContain(k.answer.slice(0, 40));
      expect(bundled.article(k.citation.articleId)?.title).toBe(k.citation.title);
    }
    expect(b.keyPoints.map((k) => k.id)).toContain('what-continues');
    expect(b.keyPoints.find((k) => k.id === 'what-continues')?.answer).toMatch(/intelligence/);
    expect(b.keyPoints.find((k) => k.id === 'critics')?.answer).toMatch(/Schumer/);
  });

  it('dates events faithfully: the 3 Mar report (the first) by its front matter, the Friday it mentions counted back; no line for the undated article', () => {
    // Issue 13 changed this from one "article:" line per file to one entry per event.
    const b = buildBriefing({ engine: bundled, questions, story, asOf });
    const [event, report] = b.timeline;
    expect(event).toMatchObject({ date: '2025-02-28', dateFrom: 'relative', dateWords: 'Friday' });
    expect(event?.text).toMatch(/Oval Office dispute on Friday/);
    expect(event?.citation.published).toBe('2025-03-03');
    expect(report).toMatchObject({
      date: '2025-03-03',
      dateFrom: 'published',
      first: true,
      text: expect.stringMatching(/^Pentagon Halts/),
    });
    expect(report?.sources?.map((s) => s.articleId)).toEqual([
      '2025-03-03-pentagon-halts-us-cyber-offensive-attacks-on-russia-to-push-ukraine-peace-talks',
    ]);
    expect(b.timeline.map((e) => e.date ?? 'unknown')).toEqual(['2025-02-28', '2025-03-03']);
  });

  it('counts articles and outlets, and lists a standing question without a confident answer as open', () => {
    const extra = [...questions, { id: 'capital', label: 'Capital of France', ask: 'what is the capital of France' }];
    const b = buildBriefing({ engine: bundled, questions: extra, asOf });
    expect(b.articleIds).toHaveLength(2);
    expect(b.outlets).toEqual([]);
    expect(b.outletUnknown).toBe(2);
    expect(b.openQuestions).toEqual([{ id: 'capital', label: 'Capital of France', question: 'what is the capital of France' }]);
    expect(b.keyPoints.map((k) => k.id)).not.toContain('capital');
    expect(b.story).toBe('The story');
  });
});

describe('what is new since the last briefing', () => {
  it('lists an article added since, even an undated one, and says nothing new when nothing is', () => {
    const older = createEngine(articles.filter((a) => a.published));
    const first = buildBriefing({ engine: older, questions, asOf });
    expect(first.whatsNew).toEqual({ articles: [], keyPoints: [] });
    const second = buildBriefing({ engine: bundled, questions, asOf: new Date('2025-03-05T07:00:00Z'), previous: first });
    expect(second.whatsNew.since).toBe(first.asOf);
    expect(second.whatsNew.articles.map((a) => a.articleId)).toEqual([
      'trump-administration-halts-cyber-operations-against-russia-amid-ukraine',
    ]);
    expect(isNothingNew(second.whatsNew)).toBe(false);
    const third = buildBriefing({ engine: bundled, questions, asOf: new Date('2025-03-06T07:00:00Z'), previous: second });
    expect(isNothingNew(third.whatsNew)).toBe(true);
  });

  it('reports a standing question newly answered or changed', () => {
    const older = createEngine(articles.filter((a) => a.published));
    const first = buildBriefing({ engine: older, questions, asOf });
    expect(first.openQuestions.map((o) => o.id)).toContain('administration');
    const second = buildBriefing({ engine: bundled, questions, asOf, previous: first });
    const change = second.whatsNew.keyPoints.find((k) => k.id === 'administration');
    expect(change).toMatchObject({ was: null, now: expect.stringMatching(/Waltz/) });
  });
});
