import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/core/engine.ts';
import { SnapshotMismatchError, type EngineSnapshot } from '../../src/core/snapshot.ts';
import type { Article } from '../../src/core/types.ts';
import { loadCorpus } from '../../src/corpus/load-corpus.ts';
import { loadSynonyms } from '../../src/corpus/load-synonyms.ts';
import { BUNDLED_CORPUS, FIXTURES } from '../helpers.ts';

let articles: Article[];
let synonyms: string[][];
let built: Engine;

beforeAll(async () => {
  articles = (await loadCorpus(BUNDLED_CORPUS)).articles;
  synonyms = await loadSynonyms(BUNDLED_CORPUS);
  built = createEngine(articles, { analyzer: { synonyms } });
});

/**
 * The snapshot as it comes back from a file: copied, no shared objects (the file format itself is tested in
 * tests/corpus/index-cache.test.ts).
 */
const roundTrip = (s: EngineSnapshot): EngineSnapshot => structuredClone(s);

describe('engine snapshots', () => {
  it('an engine restored from a snapshot answers exactly like the one that made it', () => {
    const restored = createEngine(articles, { analyzer: { synonyms }, persistedIndex: roundTrip(built.snapshot()) });
    expect(restored.passages).toEqual(built.passages);
    for (const q of ['who ordered the pause', 'how long will the pause last', 'who orderd the halt', 'what is the capital of France']) {
      expect(restored.answer(q, { top: 5 }), q).toEqual(built.answer(q, { top: 5 }));
    }
  });

  it('keeps near-duplicate collapse ("also reported by") through the snapshot', async () => {
    const small = (await loadCorpus(path.join(FIXTURES, 'corpus-small'))).articles;
    const engine = createEngine(small);
    const restored = createEngine(small, { persistedIndex: roundTrip(engine.snapshot()) });
    expect(restored.passages.some((p) => p.alsoIn.length > 0)).toBe(true);
    expect(restored.passages).toEqual(engine.passages);
  });

  it('refuses a snapshot whose passages belong to articles that are not loaded', () => {
    const snapshot = roundTrip(built.snapshot());
    expect(() => createEngine(articles.slice(1), { persistedIndex: snapshot })).toThrow(SnapshotMismatchError);
  });

  it('refuses a snapshot whose index does not hold its passages', () => {
    const snapshot = roundTrip(built.snapshot());
    expect(() => createEngine(articles, { persistedIndex: { ...snapshot, passages: snapshot.passages.slice(1) } })).toThrow(/index holds/);
  });

  it('refuses a snapshot of another format', () => {
    expect(() => createEngine(articles, { persistedIndex: { ...roundTrip(built.snapshot()), format: 999 } })).toThrow(
      SnapshotMismatchError,
    );
  });
});
