/**
 * The passage index (BM25+ as MiniSearch scores it, in compact-index.ts), queried one term group at
 * a time so that synonyms and typo fixes count once per question word, and every group's document
 * frequency is known for confidence.
 */
import type { Analyzer } from './analyzer.ts';
import { buildCompactIndex, loadCompactIndex, type CompactDocument, type CompactIndex, type CompactIndexData } from './compact-index.ts';

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
  /** Whether a word that matched nothing may be corrected to a corpus word (not for real words). Default: always. */
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
  /** The index as data, to restore it later with `createSearchIndex(analyzer, options, data)`. */
  data(): CompactIndexData;
}

const SEARCH_FIELDS = ['text', 'title', 'heading'] as const;

export function createSearchIndex(analyzer: Analyzer, options: SearchIndexOptions = {}, persisted?: CompactIndexData): SearchIndex {
  const opts = { ...DEFAULT_SEARCH_INDEX_OPTIONS, ...options };
  const boosts = SEARCH_FIELDS.map((f) => opts.boost[f]);
  let index: CompactIndex = persisted ? loadCompactIndex(persisted) : buildCompactIndex([], SEARCH_FIELDS.length);

  const toDocument = (p: IndexedPassage): CompactDocument => {
    const words = SEARCH_FIELDS.map((f) => analyzer.words(p[f]));
    // Field length as MiniSearch counts it: distinct words before stemming.
    return { id: p.id, fields: words.map((w) => w.map(analyzer.stem)), lengths: words.map((w) => new Set(w).size) };
  };

  const idf = (df: number) => Math.log(1 + (index.size - df + 0.5) / (df + 0.5));

  const searchStems = (stems: readonly string[], weights: readonly number[]) => index.score(stems, weights, boosts, opts.bm25);

  /** The corpus stem closest to an unknown one (edit distance ≤ 1, ≤ 2 for long words): the most widely used. */
  const correct = (stem: string): string | undefined => {
    if (stem.length < opts.minCorrectionLength || /\p{N}/u.test(stem)) return undefined;
    const candidates = index.similarTerms(stem, stem.length >= 8 ? 2 : 1).map((t) => ({ t, df: index.documentFrequency(t) }));
    return candidates.sort((a, b) => b.df - a.df || (a.t < b.t ? -1 : 1))[0]?.t;
  };

  const lookUpOne = (word: string): TermGroup => {
    let stem = analyzer.stem(word);
    let synonyms = analyzer.synonymsOf(stem);
    let results = searchStems([stem, ...synonyms], [1, ...synonyms.map(() => opts.synonymWeight)]);
    let correctedTo: string | undefined;
    let factor = 1;
    if (results.docs.length === 0 && opts.canCorrect(word)) {
      const fixed = correct(stem);
      if (fixed) {
        correctedTo = fixed;
        stem = fixed;
        synonyms = analyzer.synonymsOf(fixed);
        factor = opts.correctionWeight;
        results = searchStems([fixed, ...synonyms], [1, ...synonyms.map(() => opts.synonymWeight)]);
        for (let i = 0; i < results.scores.length; i++) results.scores[i]! *= factor;
      }
    }
    return {
      word, stem, synonyms,
      ...(correctedTo ? { correctedTo } : {}),
      idf: idf(results.docs.length) * factor,
      count: results.docs.length,
      docs: results.docs,
      scores: results.scores,
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

  let numbers: Map<string, number> | undefined;
  const docNumbers = () => (numbers ??= new Map(index.ids.map((id, i) => [id, i])));
  return {
    get size() { return index.size; },
    // The index is built once (engines are rebuilt when the corpus changes), and the stemmed
    // documents are not kept: at 100k passages they would double the memory.
    add: (passages) => {
      if (index.size > 0) throw new Error('the index is immutable: build a new one with all passages');
      cache.clear();
      numbers = undefined;
      index = buildCompactIndex(passages.map(toDocument), SEARCH_FIELDS.length);
    },
    lookUp: (words) => words.map(lookUpCached),
    idOf: (doc) => index.ids[doc]!,
    docOf: (id) => docNumbers().get(id),
    matchedStems: (group, doc) => groupStems(group).filter((s) => index.contains(s, doc)),
    data: () => index.data(),
  };
}
