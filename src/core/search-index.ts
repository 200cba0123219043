/**
 * MiniSearch over passages, queried one term group at a time so that synonyms and typo fixes
 * count once per question word, and every group's document frequency is known for confidence.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import type { Analyzer } from './analyzer.ts';

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
}

export const DEFAULT_SEARCH_INDEX_OPTIONS: Required<SearchIndexOptions> = {
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
  boost: { text: 1, title: 0.4, heading: 0.3 },
  synonymWeight: 0.6,
  correctionWeight: 0.8,
  minCorrectionLength: 4,
  lookUpCacheSize: 5000,
};

/** What MiniSearch stores per passage: the searchable fields only; the engine keeps the rest. */
export interface IndexedPassage { id: string; text: string; title: string; heading: string }

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
  /** Passages matching the group, with each one's BM25 score for it. */
  readonly scores: ReadonlyMap<string, number>;
  /** Stems (word and synonyms) that matched in each passage. */
  readonly matched: ReadonlyMap<string, readonly string[]>;
}

export interface SearchIndex {
  readonly size: number;
  add(passages: readonly IndexedPassage[]): void;
  remove(ids: readonly string[]): void;
  /** Looks every word up, correcting typos where a word matches nothing. The groups returned are shared: do not change them. */
  lookUp(words: readonly string[]): TermGroup[];
  toJSON(): unknown;
}

const SEARCH_FIELDS = ['text', 'title', 'heading'] as const;

function miniSearchOptions(analyzer: Analyzer, options: Required<SearchIndexOptions>) {
  return {
    fields: [...SEARCH_FIELDS],
    storeFields: [],
    tokenize: (text: string) => analyzer.words(text),
    processTerm: (term: string) => analyzer.stem(term),
    searchOptions: {
      // Queries arrive as stems already: no second pass through the pipeline.
      tokenize: (text: string) => [text],
      processTerm: (term: string) => term,
      boost: { ...options.boost },
      bm25: options.bm25,
    },
  };
}

export function createSearchIndex(analyzer: Analyzer, options: SearchIndexOptions = {}, persisted?: string): SearchIndex {
  const opts = { ...DEFAULT_SEARCH_INDEX_OPTIONS, ...options };
  const msOptions = miniSearchOptions(analyzer, opts);
  const ms: MiniSearch<IndexedPassage> = persisted
    ? MiniSearch.loadJSON<IndexedPassage>(persisted, msOptions)
    : new MiniSearch<IndexedPassage>(msOptions);

  const idf = (df: number) => Math.log(1 + (ms.documentCount - df + 0.5) / (df + 0.5));

  const searchStems = (stems: readonly string[], weights: readonly number[]): SearchResult[] =>
    ms.search({
      combineWith: 'OR',
      queries: stems.map((stem, i) => ({ queries: [stem], boostTerm: () => weights[i] ?? 1 })),
    });

  /** The corpus stem closest to an unknown one (edit distance ≤ 1, ≤ 2 for long words), if any. */
  const correct = (stem: string): string | undefined => {
    if (stem.length < opts.minCorrectionLength || /\p{N}/u.test(stem)) return undefined;
    const tally = new Map<string, number>();
    for (const r of ms.search(stem, { fuzzy: stem.length >= 8 ? 2 : 1 })) {
      for (const t of r.terms) tally.set(t, (tally.get(t) ?? 0) + 1);
    }
    return [...tally.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  };

  const lookUpOne = (word: string): TermGroup => {
    let stem = analyzer.stem(word);
    let synonyms = analyzer.synonymsOf(stem);
    let results = searchStems([stem, ...synonyms], [1, ...synonyms.map(() => opts.synonymWeight)]);
    let correctedTo: string | undefined;
    let factor = 1;
    if (results.length === 0) {
      const fixed = correct(stem);
      if (fixed) {
        correctedTo = fixed;
        stem = fixed;
        synonyms = analyzer.synonymsOf(fixed);
        factor = opts.correctionWeight;
        results = searchStems([fixed, ...synonyms], [1, ...synonyms.map(() => opts.synonymWeight)]);
      }
    }
    const scores = new Map<string, number>();
    const matched = new Map<string, string[]>();
    for (const r of results) {
      // MiniSearch multiplies by the number of stems matched; within one group that is one word.
      scores.set(String(r.id), (factor * r.score) / Math.max(1, r.queryTerms.length));
      matched.set(String(r.id), r.terms);
    }
    return {
      word, stem, synonyms,
      ...(correctedTo ? { correctedTo } : {}),
      idf: idf(results.length) * factor,
      scores, matched,
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
    get size() { return ms.documentCount; },
    add: (passages) => { cache.clear(); ms.addAll(passages); },
    remove: (ids) => { cache.clear(); for (const id of ids) if (ms.has(id)) ms.discard(id); },
    lookUp: (words) => words.map(lookUpCached),
    toJSON: () => ms.toJSON(),
  };
}
