/** Issue 15, item 1: the alerter's sliced versions and passages are exactly what articleVersion and articleToPassages give. */
import { describe, expect, it } from 'vitest';
import { articleVersion } from '../../src/core/article-changes.ts';
import { articleToPassages } from '../../src/core/passages.ts';
import { loadCorpus } from '../../src/corpus/load-corpus.ts';
import { versionsInSlices } from '../../src/slack/alerts/corpus-alerter.ts';
import { BUNDLED_CORPUS, FIXTURES } from '../helpers.ts';
import path from 'node:path';

describe('versionsInSlices', () => {
  it('matches articleVersion and articleToPassages article by article', async () => {
    const articles = [...(await loadCorpus(BUNDLED_CORPUS)).articles, ...(await loadCorpus(path.join(FIXTURES, 'corpus-small'))).articles];
    const big = {
      id: 'big',
      title: 'Big',
      body: Array.from({ length: 400 }, (_, i) => `Paragraph ${i} says the U.S. pause went on. Mr. Smith disagreed on day ${i}.`).join(
        '\n\n',
      ),
    };
    const all = [...articles, big];
    const { articleVersions, articlePassages } = await versionsInSlices(all);
    for (const a of all) {
      expect(articleVersions.get(a.id)).toEqual(articleVersion(a));
      expect(articlePassages.get(a.id)).toEqual(articleToPassages(a));
    }
  });
});
