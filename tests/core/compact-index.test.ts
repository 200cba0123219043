import MiniSearch from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/core/analyzer.ts';
import { buildCompactIndex, loadCompactIndex, withinDistance } from '../../src/core/compact-index.ts';
import { createEngine } from '../../src/core/engine.ts';
import { createSearchIndex } from '../../src/core/search-index.ts';
import { loadCorpus } from '../../src/corpus/load-corpus.ts';
import { BUNDLED_CORPUS } from '../helpers.ts';

const analyzer = createAnalyzer();
let docs: { id: string; text: string; title: string; heading: string }[] = [];
beforeAll(async () => {
  const engine = createEngine((await loadCorpus(BUNDLED_CORPUS)).articles);
  docs = engine.passages.map((p) => ({ id: p.id, text: p.text, title: engine.article(p.articleId)!.title, heading: p.heading ?? '' }));
});

describe('compact index', () => {
  it('scores BM25+ exactly as MiniSearch does, field boosts and lengths included', () => {
    const boost = { text: 1, title: 0.4, heading: 0.3 };
    const ms = new MiniSearch({ fields: ['text', 'title', 'heading'], tokenize: (t) => analyzer.words(t), processTerm: (t) => analyzer.stem(t), searchOptions: { boost, tokenize: (t) => [t], processTerm: (t) => t } });
    ms.addAll(docs);
    const ours = createSearchIndex(analyzer, { boost });
    ours.add(docs);
    for (const word of ['hegseth', 'pause', 'cyber', 'russia', 'uncertainty', 'schumer']) {
      const [group] = ours.lookUp([word]);
      const theirs = ms.search(analyzer.stem(word));
      expect(group!.count, word).toBe(theirs.length);
      const ourScores = new Map([...group!.docs].map((doc, i) => [ours.idOf(doc), group!.scores[i]!]));
      for (const r of theirs) expect(ourScores.get(String(r.id)), `${word} in ${r.id}`).toBeCloseTo(r.score, 6);
    }
  });

  it('round-trips through its data (copied, as from a file) and answers the same', () => {
    const index = createSearchIndex(analyzer);
    index.add(docs);
    const restored = createSearchIndex(analyzer, {}, structuredClone(index.data()));
    expect(restored.size).toBe(index.size);
    const [a] = index.lookUp(['hegseth']);
    const [b] = restored.lookUp(['hegseth']);
    expect([...b!.docs]).toEqual([...a!.docs]);
    expect([...b!.scores]).toEqual([...a!.scores]);
    expect(restored.matchedStems(b!, b!.docs[0]!)).toEqual(['hegseth']);
  });

  it('refuses data that is not a whole, consistent index', () => {
    const good = buildCompactIndex([{ id: 'a', fields: [['x', 'y']], lengths: [2] }, { id: 'b', fields: [['y']], lengths: [1] }], 1).data();
    const field = good.fields[0]!;
    const withField = (changes: Partial<typeof field>) => ({ ...good, fields: [{ ...field, ...changes }] });
    expect(loadCompactIndex(structuredClone(good)).size).toBe(2);
    expect(() => loadCompactIndex({ format: 'other' } as unknown as typeof good)).toThrow(/not a Brief compact index/);
    expect(() => loadCompactIndex({ ...good, ids: ['a', 'b', 'c'] })).toThrow(/do not fit/);
    expect(() => loadCompactIndex(withField({ docs: [...field.docs] as unknown as Uint32Array }))).toThrow(/typed arrays/);
    expect(() => loadCompactIndex(withField({ docs: field.docs.map(() => 7) }))).toThrow(/names no document/);
    expect(() => loadCompactIndex(withField({ offsets: Uint32Array.from([0, 3, 2]) }))).toThrow(/not in order|do not fit/);
  });

  it('finds terms within an edit distance for typo correction', () => {
    const index = buildCompactIndex([{ id: 'a', fields: [['order', 'border', 'ordeal']], lengths: [3] }], 1);
    expect(index.similarTerms('orderd', 1)).toEqual(['order']);
    expect(index.similarTerms('orderd', 2).sort()).toEqual(['border', 'ordeal', 'order']);
    expect(withinDistance('kitten', 'sitting', 3)).toBe(true);
    expect(withinDistance('kitten', 'sitting', 2)).toBe(false);
  });
});

describe('topByScore', () => {
  it('returns the k best in order, as a full sort would', async () => {
    const { topByScore } = await import('../../src/core/rank.ts');
    const entries = Array.from({ length: 500 }, (_, i) => ({ id: `p${i}`, score: (i * 7919) % 101, bm25: 0, coveredIdf: 0, groupsMatched: 0 }));
    const full = [...entries].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    expect(topByScore(entries, 30)).toEqual(full.slice(0, 30));
    expect(topByScore(entries, 0)).toEqual([]);
    expect(topByScore(entries.slice(0, 5), 30)).toEqual(full.filter((e) => entries.slice(0, 5).includes(e)));
  });
});
