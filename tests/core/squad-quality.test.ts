import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { briefRetriever, evaluateRetriever, loadSquad, miniSearchRetriever } from '../../scripts/eval-squad.ts';
import { SHARED } from '../helpers.ts';

describe('SQuAD v1.1 dev paragraph retrieval (a sample of the real file)', () => {
  it('ranks the right paragraph first more often than MiniSearch with default options', () => {
    const set = loadSquad(path.join(SHARED, 'data', 'squad-dev-v1.1.json'));
    // Every 53rd question: ~200 questions spread over all 48 articles, not only the first one.
    const sample = set.questions.filter((_, i) => i % 53 === 0);
    expect(sample.length).toBeGreaterThanOrEqual(195);
    const brief = evaluateRetriever(set, briefRetriever(), sample);
    const baseline = evaluateRetriever(set, miniSearchRetriever, sample);
    expect(brief.questions).toBe(sample.length);
    expect(brief.hit1).toBeGreaterThan(baseline.hit1);
    expect(brief.mrr).toBeGreaterThan(baseline.mrr);
  });
});
