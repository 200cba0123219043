import MiniSearch from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/core/analyzer.ts';
import { createEngine } from '../../src/core/engine.ts';
import { createSearchIndex, loadSearchIndexData, type IndexedPassage, type SearchIndexData } from '../../src/core/search-index.ts';
import { loadCorpus } from '../../src/corpus/load-corpus.ts';
import { BUNDLED_CORPUS } from '../helpers.ts';

const analyzer = createAnalyzer();
let docs: IndexedPassage[] = [];
beforeAll(async () => {
  const engine = createEngine((await loadCorpus(BUNDLED_CORPUS)).articles);
  docs = engine.passages.map((p) => ({ id: p.id, text: p.text, title: engine.article(p.articleId)!.title, heading: p.heading ?? '' }));
});

const built = (options = {}) => {
  const index = createSearchIndex(analyzer, options);
  index.add(docs);
  return index;
};

describe("search index (MiniSearch with Brief's analyzer)", () => {
  it('scores each word exactly as a plain MiniSearch search with the same analyzer does', () => {
    const boost = { text: 1, title: 0.4, heading: 0.3 };
    const ms = new MiniSearch({
      fields: ['text', 'title', 'heading'],
      tokenize: (t) => analyzer.words(t),
      processTerm: (t) => analyzer.stem(t),
      searchOptions: { boost, tokenize: (t) => [t], processTerm: (t) => t },
    });
    ms.addAll(docs);
    const ours = built({ boost });
    for (const word of ['hegseth', 'pause', 'cyber', 'russia', 'uncertainty', 'schumer']) {
      const [group] = ours.lookUp([word]);
      const theirs = ms.search(analyzer.stem(word));
      expect(theirs.length, word).toBeGreaterThan(0);
      expect(group!.count, word).toBe(theirs.length);
      const ourScores = new Map([...group!.docs].map((doc, i) => [ours.idOf(doc), group!.scores[i]!]));
      for (const r of theirs) expect(ourScores.get(String(r.id)), `${word} in ${r.id}`).toBeCloseTo(r.score, 9);
    }
  });

  it('numbers passages in the order they were added', () => {
    const index = built();
    expect(index.size).toBe(docs.length);
    docs.forEach((d, i) => {
      expect(index.idOf(i)).toBe(d.id);
      expect(index.docOf(d.id)).toBe(i);
    });
    expect(index.docOf('no-such-passage')).toBeUndefined();
  });

  it("round-trips through MiniSearch's toJSON, copied as from a file, loaded at once or a slice at a time", async () => {
    const index = built();
    const data = index.data();
    expect(data.miniSearch.serializationVersion).toBe(2);
    const copy = JSON.parse(JSON.stringify(data)) as SearchIndexData;
    for (const restored of [createSearchIndex(analyzer, {}, copy), createSearchIndex(analyzer, {}, await loadSearchIndexData(copy))]) {
      expect(restored.size).toBe(index.size);
      for (const word of ['hegseth', 'pause', 'orderd']) {
        const [a] = index.lookUp([word]);
        const [b] = restored.lookUp([word]);
        expect([...b!.docs], word).toEqual([...a!.docs]);
        expect([...b!.scores], word).toEqual([...a!.scores]);
        expect(b!.correctedTo, word).toBe(a!.correctedTo);
      }
      const [b] = restored.lookUp(['hegseth']);
      expect(restored.matchedStems(b!, b!.docs[0]!)).toEqual(['hegseth']);
      expect(() => restored.add(docs)).toThrow(/immutable/);
    }
  });

  it('refuses data that is not a Brief search index, or whose ids are not numbered as MiniSearch numbers them', async () => {
    const data = built().data();
    expect(() => createSearchIndex(analyzer, {}, { format: 'other' } as unknown as SearchIndexData)).toThrow(/not a Brief search index/);
    const renumbered = JSON.parse(JSON.stringify(data)) as SearchIndexData;
    const ids = renumbered.miniSearch.documentIds as Record<string, string>;
    ids['99999'] = ids['0']!;
    delete ids['0'];
    expect(() => createSearchIndex(analyzer, {}, renumbered)).toThrow(/numbered/);
    await expect(loadSearchIndexData({ ...data, miniSearch: { ...data.miniSearch, documentCount: 1 } })).rejects.toThrow(/count/);
  });

  it('is built once: a second add is refused', () => {
    expect(() => built().add(docs)).toThrow(/immutable/);
  });

  it('corrects a word that matches nothing to the closest corpus stem, at a lower weight', () => {
    const index = built();
    const [typo] = index.lookUp(['hegsteh']);
    const [right] = index.lookUp(['hegseth']);
    // "hegsteh" is two edits (a swap) from "hegseth": too far for a 7-letter word.
    expect(typo!.count).toBe(0);
    const [fixed] = index.lookUp(['hegsth']);
    expect(fixed!.correctedTo).toBe('hegseth');
    expect([...fixed!.docs]).toEqual([...right!.docs]);
    fixed!.scores.forEach((s, i) => {
      expect(s).toBeCloseTo(right!.scores[i]! * 0.8, 9);
    });
    expect(index.matchedStems(fixed!, fixed!.docs[0]!)).toEqual(['hegseth']);
    // Short words and numbers are never corrected.
    expect(index.lookUp(['hegs'])[0]!.correctedTo).toBeUndefined();
    expect(index.lookUp(['20255'])[0]!.correctedTo).toBeUndefined();
  });

  it('asks canCorrect before correcting: false keeps the word as typed, matching nothing', () => {
    const asked: string[] = [];
    const index = built({
      canCorrect: (word: string) => {
        asked.push(word);
        return word !== 'hegsth';
      },
    });
    const [kept] = index.lookUp(['hegsth']);
    expect(kept!.correctedTo).toBeUndefined();
    expect(kept!.count).toBe(0);
    expect(kept!.docs).toHaveLength(0);
    expect(index.lookUp(['russja'])[0]!.correctedTo).toBe('russia');
    expect(asked).toEqual(['hegsth', 'russja']);
    // Words that match as typed are never put to it.
    index.lookUp(['pause']);
    expect(asked).toEqual(['hegsth', 'russja']);
  });

  it("expands synonyms at a lower weight and tells which of a group's stems a passage holds", () => {
    const withSynonyms = createAnalyzer({ synonyms: [['pause', 'halt']] });
    const index = createSearchIndex(withSynonyms);
    index.add(docs);
    const [group] = index.lookUp(['pause']);
    expect(group!.synonyms).toEqual(['halt']);
    const plain = built();
    const [pause] = plain.lookUp(['pause']);
    const [halt] = plain.lookUp(['halt']);
    expect(group!.count).toBe(new Set([...pause!.docs, ...halt!.docs]).size);
    for (const doc of group!.docs) {
      const expected = [...(pause!.docs.includes(doc) ? ['paus'] : []), ...(halt!.docs.includes(doc) ? ['halt'] : [])];
      expect(index.matchedStems(group!, doc), index.idOf(doc)).toEqual(expected);
    }
    const onlyHalt = [...group!.docs].findIndex((doc) => index.matchedStems(group!, doc).join() === 'halt');
    const inHalt = [...halt!.docs].indexOf(group!.docs[onlyHalt]!);
    expect(group!.scores[onlyHalt]).toBeCloseTo(halt!.scores[inHalt]! * 0.6, 9);
    expect(index.matchedStems(group!, 999_999)).toEqual([]);
  });
});
