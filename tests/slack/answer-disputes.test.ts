import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/core/engine.ts';
import { loadCorpus } from '../../src/corpus/load-corpus.ts';
import { loadSynonyms } from '../../src/corpus/load-synonyms.ts';
import { answerToBlocks, answerToText } from '../../src/slack/blocks/answer-blocks.ts';
import { BLOCK_LIMITS } from '../../src/slack/blocks/limits.ts';
import { FIXTURES } from '../helpers.ts';
import { allText } from './harness.ts';

const DIR = path.join(FIXTURES, 'corpus-story');
let engine: Engine;
beforeAll(async () => {
  engine = createEngine((await loadCorpus(DIR)).articles, { analyzer: { synonyms: await loadSynonyms(DIR) } });
});
const ctx = () => ({
  corpus: { articles: engine.articles.length, loadedAt: '2025-07-11T10:00:00Z' },
  articleTitle: (id: string) => engine.article(id),
});

describe('answers when sources disagree, in Slack', () => {
  it('shows the report and the denial, each labelled with its outlet, date and which is later', () => {
    const answer = engine.answer('who ordered the freeze?');
    const text = allText(answerToBlocks(answer, ctx()));
    expect(text).toMatch(/Sources disagree:/);
    expect(text).toMatch(/\*Reported\* · The Ledger, 6 Jun 2025 \(later\): “Officials said Ruiz ordered the freeze/);
    expect(text).toMatch(/\*Denied\* · Capital Times, 4 Jun 2025: “The transport ministry has denied reports/);
    expect(answerToText(answer)).toMatch(/Sources disagree: Reported \(The Ledger, 6 Jun 2025\); Denied \(Capital Times, 4 Jun 2025\)/);
    for (const b of answerToBlocks(answer, ctx()))
      if (b.type === 'section') expect(b.text!.text.length).toBeLessThanOrEqual(BLOCK_LIMITS.sectionText);
  });

  it('says nothing about disagreement when the sources agree', () => {
    const answer = engine.answer('what did Mara Lind say?');
    expect(answer.disputed).toEqual([]);
    expect(allText(answerToBlocks(answer, ctx()))).not.toMatch(/Sources disagree/);
  });

  it('names the other outlets of a wire copy as "also reported by"', () => {
    expect(allText(answerToBlocks(engine.answer('what did Mara Lind say?'), ctx()))).toMatch(
      /also reported by <https:\/\/northernpost\.example\/ruiz-halts-inspections\|Northern Post>/,
    );
  });
});
