/**
 * The passage index: MiniSearch 7 with Brief's analyzer as its `tokenize` / `processTerm`, no
 * stored fields, scoring BM25+. It is queried one term group at a time (a question word, its
 * synonyms, or its typo fix), so that each counts once per question word and every group's document
 * frequency is known for confidence; Brief's ranking (rank.ts) works on top of those groups.
 */
import MiniSearch, { type SearchOptions, type SearchResult } from 'minisearch';
import type { Analyzer } from './analyzer.ts';
import {
  miniSearchOptions,
  restoreMiniSearch,
  SEARCH_INDEX_FORMAT,
  type PersistedSearchIndex,
  type SearchIndexData,
} from './search-index-data.ts';

export * from './search-index-data.ts';

export interface SearchIndexOptions {
  /** BM25+ parameters. Default MiniSearch's `{ k: 1.2, b: 0.7, d: 0.5 }`. */
  bm25?: { k: number; b: number; d: number };
  /** Field weights. Default `{ text: 1, title: 0.4, heading: 0.3 }`. */
  boost?: { text: number; title: number; heading: number };
  /** Weight of a synonym's match relative to the word itself. Default 0.6. */
  synonymWeight?: number;
  /** Weight of a typo-corrected word's match. Default 0.8. */
  correctionWeight?: number;
  /** Shortest word that typo correction is tried on. Default 4. */
  minCorrectionLength?: number;
  /** How many looked-up words are remembered until the index changes (questions reuse words). Default 5000. */
  lookUpCacheSize?: number;
  /** Asked before a word that matched nothing is typo-corrected (as typed, lower-cased); false keeps it as it is. Default: always true. */
  canCorrect?: (word: string) => boolean;
}

export const DEFAULT_SEARCH_INDEX_OPTIONS: Required<SearchIndexOptions> = {
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
  boost: { text: 1, title: 0.4, heading: 0.3 },
  synonymWeight: 0.6,
  correctionWeight: 0.8,
  minCorrectionLength: 4,
  lookUpCacheSize: 5000,
  canCorrect: () => true,
};

/** What the index holds per passage: the searchable fields only; the engine keeps the rest. */
export interface IndexedPassage {
  id: string;
  text: string;
  title: string;
  heading: string;
}

/** One word of the question: its stem, the stems that mean the same, and how rare it is. */
export interface TermGroup {
  /** The word as the user typed it (lower-cased). */
  word: string;
  stem: string;
  synonyms: readonly string[];
  /** The corpus stem this word was corrected to, when it matched nothing as typed. */
  correctedTo?: string;
  /** Inverse document frequency of the group (as BM25 computes it). */
  idf: number;
  /** Factor on the group's `scores` when ranking (answer-type words weigh less). Default 1. */
  weight?: number;
  /** How many passages match the group. */
  readonly count: number;
  /** The matching passages (index numbers, see `SearchIndex.idOf`) and each one's BM25 score for the group. */
  readonly docs: Uint32Array;
  readonly scores: Float64Array;
}

/** The stems a group accepts: the word (or its correction) and its synonyms. */
export function groupStems(group: TermGroup): string[] {
  return [group.correctedTo ?? group.stem, ...group.synonyms];
}

export interface SearchIndex {
  readonly size: number;
  /** Builds the index over these passages; once only (the index is immutable). */
  add(passages: readonly IndexedPassage[]): void;
  /** Looks every word up, correcting typos where a word matches nothing. The groups returned are shared: do not change them. */
  lookUp(words: readonly string[]): TermGroup[];
  /** The passage id of an index number. */
  idOf(doc: number): string;
  /** The index number of a passage id. */
  docOf(id: string): number | undefined;
  /** Which of the group's stems (word, correction, synonyms) passage `doc` holds. */
  matchedStems(group: TermGroup, doc: number): string[];
  /** The index as data (MiniSearch's `toJSON()`), to restore it later with `createSearchIndex(analyzer, options, data)`. */
  data(): SearchIndexData;
}

export function createSearchIndex(analyzer: Analyzer, options: SearchIndexOptions = {}, persisted?: PersistedSearchIndex): SearchIndex {
  const opts = { ...DEFAULT_SEARCH_INDEX_OPTIONS, ...options };
  let { ms, ids } = persisted
    ? restoreMiniSearch(persisted)
    : { ms: new MiniSearch<IndexedPassage>(miniSearchOptions(analyzer)), ids: [] as readonly string[] };
  let numbers = new Map(ids.map((id, i) => [id, i]));

  const exact: SearchOptions = {
    tokenize: (t) => [t],
    processTerm: (t) => t,
    prefix: false,
    fuzzy: false,
    boost: { ...opts.boost },
    bm25: opts.bm25,
  };
  const idf = (df: number) => Math.log(1 + (ms.documentCount - df + 0.5) / (df + 0.5));

  const searchStems = (stems: readonly string[], weights: readonly number[]): SearchResult[] =>
    stems.length === 1
      ? ms.search(stems[0]!, exact)
      : ms.search({ combineWith: 'OR', queries: stems.map((stem, i) => ({ queries: [stem], boostTerm: () => weights[i] ?? 1 })) }, exact);

  /**
   * The corpus stem closest to an unknown one (edit distance ≤ 1, ≤ 2 for long words): the one in most passages, then the first
   * alphabetically.
   */
  const correct = (word: string, stem: string): string | undefined => {
    if (stem.length < opts.minCorrectionLength || /\p{N}/u.test(stem) || !opts.canCorrect(word)) return undefined;
    const passagesWith = new Map<string, number>();
    for (const r of ms.search(stem, { ...exact, fuzzy: stem.length >= 8 ? 2 : 1 })) {
      for (const t of r.terms) passagesWith.set(t, (passagesWith.get(t) ?? 0) + 1);
    }
    return [...passagesWith].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  };

  // Stems matched per passage, kept only for groups with synonyms (a plain group's match is its stem).
  const matchedTerms = new WeakMap<Uint32Array, readonly (readonly string[])[]>();

  const lookUpOne = (word: string): TermGroup => {
    let stem = analyzer.stem(word);
    let synonyms = analyzer.synonymsOf(stem);
    let results = searchStems([stem, ...synonyms], [1, ...synonyms.map(() => opts.synonymWeight)]);
    let correctedTo: string | undefined;
    let factor = 1;
    if (results.length === 0) {
      const fixed = correct(word, stem);
      if (fixed) {
        correctedTo = fixed;
        stem = fixed;
        synonyms = analyzer.synonymsOf(fixed);
        factor = opts.correctionWeight;
        results = searchStems([fixed, ...synonyms], [1, ...synonyms.map(() => opts.synonymWeight)]);
      }
    }
    const docs = new Uint32Array(results.length);
    const scores = new Float64Array(results.length);
    results.forEach((r, i) => {
      docs[i] = numbers.get(r.id as string)!;
      // MiniSearch multiplies by the number of query terms matched; within one group that is one word.
      scores[i] = (factor * r.score) / Math.max(1, r.queryTerms.length);
    });
    if (synonyms.length > 0)
      matchedTerms.set(
        docs,
        results.map((r) => r.terms),
      );
    return {
      word,
      stem,
      synonyms,
      ...(correctedTo ? { correctedTo } : {}),
      idf: idf(results.length) * factor,
      count: results.length,
      docs,
      scores,
    };
  };

  // Groups are read-only once built, so a word's group can be shared until the index changes.
  const cache = new Map<string, TermGroup>();
  const lookUpCached = (word: string): TermGroup => {
    let group = cache.get(word);
    if (group === undefined) {
      group = lookUpOne(word);
      if (cache.size >= opts.lookUpCacheSize) cache.clear();
      cache.set(word, group);
    }
    return group;
  };

  return {
    get size() {
      return ms.documentCount;
    },
    add: (passages) => {
      if (ms.documentCount > 0) throw new Error('the index is immutable: build a new one with all passages');
      cache.clear();
      ms.addAll(passages);
      ids = passages.map((p) => p.id);
      numbers = new Map(ids.map((id, i) => [id, i]));
    },
    lookUp: (words) => words.map(lookUpCached),
    idOf: (doc) => ids[doc]!,
    docOf: (id) => numbers.get(id),
    matchedStems: (group, doc) => {
      // Groups copied by the engine (with a weight) keep the same arrays, so they are found by `docs`.
      // A native scan of the typed array: called for the few passages shown, not for every match.
      const at = group.docs.indexOf(doc);
      if (at < 0) return [];
      const terms = matchedTerms.get(group.docs)?.[at];
      return terms ? groupStems(group).filter((s) => terms.includes(s)) : [group.correctedTo ?? group.stem];
    },
    data: () => ({ format: SEARCH_INDEX_FORMAT, miniSearch: ms.toJSON() }),
  };
}
