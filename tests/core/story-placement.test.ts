import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { planArticleAlerts } from '../../src/core/article-alerts.ts';
import { createEngine, type Engine } from '../../src/core/engine.ts';
import { placeInStory } from '../../src/core/story-placement.ts';
import type { Article } from '../../src/core/types.ts';
import { loadCorpus } from '../../src/corpus/load-corpus.ts';
import { loadSynonyms } from '../../src/corpus/load-synonyms.ts';
import { articleAlertToBlocks, articleAlertToText, digestToBlocks } from '../../src/slack/blocks/alert-blocks.ts';
import { allText } from '../slack/harness.ts';
import { FIXTURES } from '../helpers.ts';

/** A report, its copies, a denial, a critic, a later confirmation and an off-story piece. */
const STORY_CORPUS = path.join(FIXTURES, 'corpus-briefing-story');

let engine: Engine;
let articles: Article[];
const byId = (id: string) => articles.find((a) => a.id === id)!;

beforeAll(async () => {
  ({ articles } = await loadCorpus(STORY_CORPUS));
  engine = createEngine(articles, { analyzer: { synonyms: await loadSynonyms(STORY_CORPUS) } });
});

describe('placeInStory', () => {
  it('a later confirmation contradicts the denial and confirms the report the denial denied', () => {
    const rel = placeInStory(engine, byId('2025-07-11-ledger-halt-lasted-two-days'));
    expect(rel.map((r) => [r.kind, r.claim.citation.source, r.claim.citation.published, r.claim.stance])).toEqual([
      ['contradicts', 'Capital Times', '2025-06-04', 'denies'],
      ['confirms', expect.stringMatching(/Daily Courier|Wire Service/), '2025-06-03', 'asserts'],
    ]);
    expect(rel[0]?.claim.text).toMatch(/denied reports/);
  });

  it('the denial contradicts the report; a report no one denies confirms nothing', () => {
    const denial = placeInStory(engine, byId('2025-06-04-ministry-denies-halt'));
    expect(denial.map((r) => [r.kind, r.claim.stance])).toEqual([['contradicts', 'asserts']]);
    expect((denial[0]?.claim.citation.published ?? '') < '2025-06-04').toBe(true);
    expect(placeInStory(engine, byId('2025-06-03-wire-varga-halt'))).toEqual([]);
    expect(placeInStory(engine, byId('undated-harbour-strike-halted'))).toEqual([]);
  });
});

describe('alerts that place the article in the story', () => {
  const alertFor = (id: string) => {
    const known = Object.fromEntries(articles.filter((a) => a.id !== id).map((a) => [a.id, { seen: a.id, basis: a.id }]));
    const hashes = new Map(articles.map((a) => [a.id, a.id]));
    return planArticleAlerts({ engine, hashes, known, versions: {}, baseline: false, placeInStory: (a) => placeInStory(engine, a) }).alerts;
  };

  it('says what the new article contradicts and confirms, with outlet, date and the claim, in blocks, text and digests', () => {
    const [alert] = alertFor('2025-07-11-ledger-halt-lasted-two-days');
    expect(alert?.relations?.map((r) => r.kind)).toEqual(['contradicts', 'confirms']);
    const text = allText(articleAlertToBlocks(alert!));
    expect(text).toMatch(
      /\*Contradicts:\* <https:\/\/capital\.example\/ministry-denies\|Capital Times> · 4 Jun 2025: “The Transport Ministry denied reports/,
    );
    expect(text).toMatch(/\*Confirms:\* <https:\/\/[^|]+\|(Daily Courier|Wire Service)> · 3 Jun 2025: “/);
    expect(articleAlertToText(alert!)).toMatch(/contradicts: Capital Times, 4 Jun 2025: The Transport Ministry denied/);
    expect(allText(digestToBlocks([alert!, alert!, alert!, alert!, alert!]))).toContain('*Contradicts:*');
  });

  it('escapes the earlier claim and its outlet', () => {
    const evilDenial: Article = {
      id: 'evil',
      title: 'Ministry denies <!channel> halt',
      source: '<!here> Times',
      published: '2025-06-04',
      body: 'The ministry denied reports that Varga ordered a halt to customs inspections at Kessel <@U1>.',
    };
    const report: Article = {
      id: 'report',
      title: 'Varga orders halt to customs inspections at Kessel',
      source: 'Ledger',
      published: '2025-06-02',
      body: 'Minister Varga ordered a halt to customs inspections at Kessel.',
    };
    const later: Article = {
      id: 'later',
      title: 'Varga halt to customs inspections at Kessel lasted two days',
      source: 'Post',
      published: '2025-07-01',
      body: 'The halt to customs inspections at Kessel ordered by Varga lasted two days.',
    };
    const e = createEngine([report, evilDenial, later]);
    const [alert] = planArticleAlerts({
      engine: e,
      hashes: new Map([
        ['report', 'r'],
        ['evil', 'e'],
        ['later', 'l'],
      ]),
      known: { report: { seen: 'r', basis: 'r' }, evil: { seen: 'e', basis: 'e' } },
      versions: {},
      baseline: false,
      placeInStory: (a) => placeInStory(e, a),
    }).alerts;
    expect(alert?.relations?.[0]?.kind).toBe('contradicts');
    const all = allText([articleAlertToBlocks(alert!), articleAlertToText(alert!)]);
    expect(all).not.toMatch(/<!here>|<@U1>|<!channel>/);
    expect(all).toContain('&lt;!here&gt; Times');
  });
});
