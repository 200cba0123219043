/**
 * A briefing on a small multi-outlet story (tests/fixtures/corpus-briefing-story): a report, its wire and
 * rewrite copies, a denial, a critic, a later confirmation, and an off-story piece sharing words.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBriefing, type Briefing } from '../../src/core/briefing.ts';
import { createEngine, type Engine } from '../../src/core/engine.ts';
import { onStoryArticles } from '../../src/core/timeline-events.ts';
import type { Article } from '../../src/core/types.ts';
import { loadCorpus } from '../../src/corpus/load-corpus.ts';
import { loadStandingQuestions } from '../../src/corpus/load-standing-questions.ts';
import { loadSynonyms } from '../../src/corpus/load-synonyms.ts';
import { openState } from '../../src/state/open-state.ts';
import { captureLogger, FIXTURES } from '../helpers.ts';

const STORY_CORPUS = path.join(FIXTURES, 'corpus-briefing-story');
const FIRST_REPORT = '2025-06-02-ledger-varga-orders-halt';
const DENIAL = '2025-06-04-ministry-denies-halt';
const CONFIRMATION = '2025-07-11-ledger-halt-lasted-two-days';
const OFF_STORY = 'undated-harbour-strike-halted';

let engine: Engine;
let b: Briefing;
const asOf = new Date('2025-07-12T07:00:00Z');

beforeAll(async () => {
  const { articles } = await loadCorpus(STORY_CORPUS);
  engine = createEngine(articles, { analyzer: { synonyms: await loadSynonyms(STORY_CORPUS) } });
  const { questions, story } = await loadStandingQuestions(STORY_CORPUS);
  b = buildBriefing({ engine, questions, story, asOf });
});

const key = (id: string) => b.keyPoints.find((k) => k.id === id);

describe('key points on a multi-outlet story', () => {
  it('names who ordered it, and lists the denial as disputing it', () => {
    expect(key('who-ordered')?.answer).toMatch(/Varga/);
    expect(key('who-ordered')?.disputed?.map((d) => [d.citation.articleId, d.stance])).toEqual([[DENIAL, 'denies']]);
    expect(key('who-ordered')?.disputed?.[0]?.text).toMatch(/denied reports/);
  });

  it('answers "why" with the reason, not the denial', () => {
    expect(key('why')?.answer).toMatch(/trade talks/);
    expect(key('why')?.citation.articleId).not.toBe(DENIAL);
  });

  it('prefers the later settled fact ("lasted two days") over the first report\'s "unclear"', () => {
    expect(key('how-long')?.answer).toMatch(/lasted two days/);
    expect(key('how-long')?.citation.articleId).toBe(CONFIRMATION);
  });

  it('shows no Disputed line where the sources agree', () => {
    expect(key('critics')?.answer).toMatch(/Dole/);
    expect(key('critics')?.disputed).toBeUndefined();
  });
});

describe('the timeline as events', () => {
  it('keeps the off-story piece (which shares "halt") out, with its 2019 date', () => {
    expect(onStoryArticles(engine).has(OFF_STORY)).toBe(false);
    expect(b.timeline.flatMap((e) => e.sources ?? []).map((s) => s.articleId)).not.toContain(OFF_STORY);
    expect(b.timeline.every((e) => (e.date ?? '') >= '2025')).toBe(true);
  });

  it("leaves out background dates long before the first report (the port's 2001 opening)", () => {
    expect(b.timeline.map((e) => e.text).join('\n')).not.toMatch(/2001/);
  });

  it('merges the report and its copies into one entry, cited to every outlet, earliest first, marked first', () => {
    const reports = b.timeline.filter((e) => e.sources?.some((s) => s.articleId === FIRST_REPORT) && e.date === '2025-06-02');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ first: true, date: '2025-06-02', text: expect.stringMatching(/Varga orders/) });
    expect(reports[0]?.sources?.map((s) => s.source)).toEqual(['The Ledger', 'Wire Service', 'Daily Courier']);
    expect(b.timeline.filter((e) => e.first)).toHaveLength(1);
  });

  it('dates a weekday counted back from the article, keeps the denial apart from the report, newest last', () => {
    expect(b.timeline.find((e) => e.date === '2025-05-30')?.dateFrom).toBe('relative');
    const denial = b.timeline.find((e) => e.sources?.some((s) => s.articleId === DENIAL));
    expect(denial?.sources?.map((s) => s.articleId)).toEqual([DENIAL]);
    const dates = b.timeline.map((e) => e.date ?? '');
    expect(dates).toEqual([...dates].sort());
    expect(b.timeline.at(-1)?.sources?.map((s) => s.articleId)).toContain(CONFIRMATION);
  });

  it('cuts to the most reported events, always keeping the first report and the newest, and counts the rest', async () => {
    const { questions } = await loadStandingQuestions(STORY_CORPUS);
    const cut = buildBriefing({ engine, questions, asOf, timeline: { maxEvents: 2 } });
    expect(cut.timeline).toHaveLength(2);
    expect(cut.timeline[0]?.first).toBe(true);
    expect(cut.timeline[1]?.date).toBe('2025-07-10');
    expect(cut.timelineTotal).toBe(b.timeline.length);
    expect(b.timelineTotal).toBeUndefined(); // fewer than 12 events: nothing cut
  });
});

describe('what is disputed', () => {
  it('pairs the report with the denial, both cited, the later confirmation, and says which spoke last', () => {
    expect(b.disputed).toHaveLength(1);
    const [d] = b.disputed!;
    expect(d?.claim).toMatchObject({
      stance: 'asserts',
      citation: { articleId: FIRST_REPORT, source: 'The Ledger', published: '2025-06-02' },
    });
    expect(d?.against.map((s) => [s.citation.source, s.citation.published, s.stance])).toEqual([['Capital Times', '2025-06-04', 'denies']]);
    expect(d?.confirmedBy?.map((s) => s.citation.articleId)).toEqual([CONFIRMATION]);
    expect(d?.later).toBe('claim');
  });

  it('says the denial is the latest word when nothing confirms the report after it', () => {
    // Without the confirmation, and without the critic (who takes the halt for granted after the denial).
    const before = createEngine(engine.articles.filter((a) => a.id !== CONFIRMATION && a.id !== '2025-06-05-post-dole-criticises'));
    const d = buildBriefing({ engine: before, questions: [], asOf }).disputed;
    expect(d?.[0]?.later).toBe('against');
    expect(d?.[0]?.confirmedBy).toBeUndefined();
  });
});

describe('who else states a key point', () => {
  const anon: Article = {
    id: 'anon',
    title: 'Arms export freeze',
    body: 'Defence chief Ana Ruiz ordered the freeze of arms exports to Varland, officials said.\n\nThe freeze surprised exporters.',
  };
  const gazette: Article = {
    id: 'gazette',
    title: 'Ruiz freezes arms exports',
    source: 'The Gazette',
    published: '2025-02-03',
    body: 'Ana Ruiz ordered a freeze on arms exports to Varland, the Gazette learned.\n\nExporters were not told in advance.',
  };
  const herald: Article = {
    id: 'herald',
    title: 'Exports frozen',
    source: 'The Herald',
    published: '2025-02-05',
    body: 'The freeze on arms exports to Varland was ordered by Ana Ruiz, the Herald reported.\n\nShipping firms asked for guidance.',
  };
  const q = [{ id: 'who', label: 'Who ordered the freeze', ask: 'who ordered the freeze of arms exports' }];

  it('cites a named outlet rather than an article without one, and lists the others that say the same', () => {
    const kp = buildBriefing({ engine: createEngine([anon, gazette, herald]), questions: q, asOf }).keyPoints[0];
    expect(kp?.answer).toMatch(/Ana Ruiz/);
    expect(kp?.citation.source).toMatch(/The Gazette|The Herald/);
    const all = [kp!.citation, ...(kp?.alsoReportedBy ?? [])].map((c) => c.articleId).sort();
    expect(all).toEqual(['anon', 'gazette', 'herald']);
  });

  it('does not list an article that names the same person but denies it', () => {
    const denial: Article = {
      id: 'denial',
      title: 'Ministry denial',
      source: 'The Post',
      published: '2025-02-06',
      body: 'The ministry denied that Ana Ruiz ordered any freeze of arms exports to Varland.',
    };
    const kp = buildBriefing({ engine: createEngine([gazette, herald, denial]), questions: q, asOf }).keyPoints[0];
    expect([kp!.citation, ...(kp?.alsoReportedBy ?? [])].map((c) => c.articleId)).not.toContain('denial');
  });
});

describe('kept in the briefing history', () => {
  it('reads back whole: disputes, event sources and the first report survive, so "briefing last" shows them', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'brief-story-history-'));
    try {
      const state = await openState({ stateDir: dir }, captureLogger().logger);
      await state.briefings.record('C0DESK', b);
      await state.close();
      const reopened = await openState({ stateDir: dir }, captureLogger().logger);
      const [back] = await reopened.briefings.read('C0DESK');
      await reopened.close();
      expect(back).toEqual(JSON.parse(JSON.stringify(b)));
      expect(back?.disputed?.[0]?.against[0]?.stance).toBe('denies');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('one event per happening', () => {
  it('merges sentences of one day that name the same people, keeps a different happening that day apart', () => {
    const a: Article = {
      id: 'a',
      title: 'Port talks',
      source: 'Ledger',
      published: '2025-06-02',
      body: 'Prime Minister Jana Novak met President Oskar Lind in Kessel on Friday to sign a ferry deal.\n\nThe port union elected a new leader on Friday.',
    };
    const b: Article = {
      id: 'b',
      title: 'Ferry row',
      source: 'Courier',
      published: '2025-06-03',
      body: "The customs order came before Friday's shouting match between Prime Minister Jana Novak and President Oskar Lind over fares.",
    };
    const entries = buildBriefing({ engine: createEngine([a, b]), questions: [], asOf }).timeline.filter((e) => e.date === '2025-05-30');
    expect(entries).toHaveLength(2);
    expect(entries.find((e) => /Novak met/.test(e.text))?.sources?.map((s) => s.articleId)).toEqual(['a', 'b']);
    expect(entries.find((e) => /union/.test(e.text))?.sources?.map((s) => s.articleId)).toEqual(['a']);
  });
});

describe('how long: a stated length of time wins', () => {
  it('prefers a later "lasted three weeks" over an earlier "temporary" that states no length', () => {
    const early: Article = {
      id: 'early',
      title: 'Export freeze ordered',
      source: 'Gazette',
      published: '2025-02-01',
      body: 'The export freeze will be temporary and short, officials said of how long it would last.',
    };
    const later: Article = {
      id: 'later',
      title: 'Export freeze ends',
      source: 'Herald',
      published: '2025-03-01',
      body: 'The export freeze lasted three weeks, the ministry said, and ended on Friday.',
    };
    const q = [{ id: 'how-long', label: 'How long it lasts', ask: 'how long will the export freeze last' }];
    const kp = buildBriefing({ engine: createEngine([early, later]), questions: q, asOf }).keyPoints[0];
    expect(kp?.answer).toMatch(/lasted three weeks/);
    expect(kp?.citation.articleId).toBe('later');
  });
});
