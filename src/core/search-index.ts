/**
 * The passage index: MiniSearch 7 with Brief's analyzer as its `tokenize` / `processTerm`, no
 * stored fields, scoring BM25+. It is queried one term group at a time (a question word, its
 * synonyms, or its typo fix), so that each counts once per question word and every group's document
 * frequency is known for confidence; Brief's ranking (rank.ts) works on top of those groups.
 */
import MiniSearch, { type AsPlainObject, type Options, type SearchOptions, type SearchResult } from 'minisearch';
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

/** Bumped when what `data()` holds changes shape. */
export const SEARCH_INDEX_FORMAT = 'brief-minisearch-1';

/** The index as data: MiniSearch's own `toJSON()`, unchanged. */
export interface SearchIndexData { format: typeof SEARCH_INDEX_FORMAT; miniSearch: AsPlainObject }

/** Persisted data already turned back into a MiniSearch instance by {@link loadSearchIndexData} (without holding the event loop). */
export interface LoadedSearchIndex { format: typeof SEARCH_INDEX_FORMAT; loaded: MiniSearch<IndexedPassage>; ids: readonly string[] }

/** What `createSearchIndex` restores from: the data, or the data already loaded. */
export type PersistedSearchIndex = SearchIndexData | LoadedSearchIndex;

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

const SEARCH_FIELDS = ['text', 'title', 'heading'];

const refuseToIndex = (): string[] => { throw new Error('a restored index is immutable: build a new one with all passages'); };

/**
 * MiniSearch's options. Field lengths are counted by MiniSearch from `tokenize`, before
 * `processTerm`: stop words are dropped in `tokenize` so lengths count content words. Queries
 * arrive as stems, so searching skips the pipeline. A restored index never indexes (no analyzer).
 */
function miniSearchOptions(analyzer?: Analyzer): Options<IndexedPassage> {
  return {
    fields: SEARCH_FIELDS,
    storeFields: [],
    tokenize: analyzer ? (text) => analyzer.words(text) : refuseToIndex,
    processTerm: analyzer ? (term) => analyzer.stem(term) : (term) => term,
  };
}

/** The ids in index order, from MiniSearch's `documentIds` ({ shortId: id }); throws unless they are 0…n−1, as `addAll` numbers them. */
function idsOf(js: AsPlainObject): string[] {
  const entries = Object.entries(js.documentIds as Record<string, unknown>);
  if (entries.length !== js.documentCount) throw new Error('index document count does not match its ids');
  return entries.map(([shortId, id], i) => {
    if (shortId !== String(i) || typeof id !== 'string') throw new Error('index ids are not numbered 0…n−1');
    return id;
  });
}

function checkData(data: PersistedSearchIndex | undefined): asserts data is PersistedSearchIndex {
  if (data?.format !== SEARCH_INDEX_FORMAT) throw new Error('not a Brief search index');
}

/** MiniSearch's serialised index entries: `[term, { fieldId: { shortId: termFrequency } }]`. */
export type SerializedTerms = AsPlainObject['index'];

/**
 * Loads serialised terms into an instance through MiniSearch's protected `_index` (a subclass may
 * use it), exactly as `MiniSearch.loadJS` does for format 2, but a slice at a time. Why not
 * `loadJSAsync`: it waits a timer turn (at least 1 ms) after every 1,000 postings, and a
 * 100k-passage index has millions of postings: seconds spent waiting.
 */
class SlicedLoad extends MiniSearch<IndexedPassage> {
  static addTerms(ms: MiniSearch<IndexedPassage>, entries: SerializedTerms): void {
    const index = (ms as SlicedLoad)._index;
    for (const [term, data] of entries) {
      const fields = new Map<number, Map<number, number>>();
      for (const fieldId of Object.keys(data)) {
        const freqs = new Map<number, number>();
        const entry = data[fieldId]!;
        for (const doc of Object.keys(entry)) freqs.set(parseInt(doc, 10), entry[doc]!);
        fields.set(parseInt(fieldId, 10), freqs);
      }
      index.set(term, fields);
    }
  }
}

/** Restores an index from MiniSearch's serialisation fed in parts: the head (all but `index`), then the terms slice by slice. */
export interface SearchIndexLoad { addTerms(entries: SerializedTerms): void; done(): LoadedSearchIndex }

export function startSearchIndexLoad(head: Omit<AsPlainObject, 'index'>): SearchIndexLoad {
  if (head?.serializationVersion !== 2) throw new Error('not a MiniSearch index of serialisation version 2');
  const ids = idsOf(head as AsPlainObject);
  const ms = MiniSearch.loadJS<IndexedPassage>({ ...head, index: [] }, miniSearchOptions());
  return { addTerms: (entries) => SlicedLoad.addTerms(ms, entries), done: () => ({ format: SEARCH_INDEX_FORMAT, loaded: ms, ids }) };
}

/** Terms loaded between two turns of the event loop by {@link loadSearchIndexData}. */
const TERMS_PER_SLICE = 2000;

/**
 * Turns persisted data into a MiniSearch instance a slice of terms at a time, awaiting `yieldTurn`
 * between slices, so that loading a large index does not hold the event loop. Default: a zero timer.
 */
export async function loadSearchIndexData(data: SearchIndexData, yieldTurn: () => Promise<unknown> = () => new Promise((r) => setTimeout(r, 0))): Promise<LoadedSearchIndex> {
  checkData(data);
  const { index, ...head } = data.miniSearch;
  const load = startSearchIndexLoad(head);
  for (let i = 0; i < index.length; i += TERMS_PER_SLICE) {
    load.addTerms(index.slice(i, i + TERMS_PER_SLICE));
    await yieldTurn();
  }
  return load.done();
}

function restore(data: PersistedSearchIndex): { ms: MiniSearch<IndexedPassage>; ids: readonly string[] } {
  checkData(data);
  if ('loaded' in data) return { ms: data.loaded, ids: data.ids };
  return { ms: MiniSearch.loadJS<IndexedPassage>(data.miniSearch, miniSearchOptions()), ids: idsOf(data.miniSearch) };
}

export function createSearchIndex(analyzer: Analyzer, options: SearchIndexOptions = {}, persisted?: PersistedSearchIndex): SearchIndex {
  const opts = { ...DEFAULT_SEARCH_INDEX_OPTIONS, ...options };
  let { ms, ids } = persisted ? restore(persisted) : { ms: new MiniSearch<IndexedPassage>(miniSearchOptions(analyzer)), ids: [] as readonly string[] };
  let numbers = new Map(ids.map((id, i) => [id, i]));

  const exact: SearchOptions = { tokenize: (t) => [t], processTerm: (t) => t, prefix: false, fuzzy: false, boost: { ...opts.boost }, bm25: opts.bm25 };
  const idf = (df: number) => Math.log(1 + (ms.documentCount - df + 0.5) / (df + 0.5));

  const searchStems = (stems: readonly string[], weights: readonly number[]): SearchResult[] =>
    stems.length === 1
      ? ms.search(stems[0]!, exact)
      : ms.search({ combineWith: 'OR', queries: stems.map((stem, i) => ({ queries: [stem], boostTerm: () => weights[i] ?? 1 })) }, exact);

  /** The corpus stem closest to an unknown one (edit distance ≤ 1, ≤ 2 for long words): the one in most passages, then the first alphabetically. */
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
    if (synonyms.length > 0) matchedTerms.set(docs, results.map((r) => r.terms));
    return {
      word, stem, synonyms,
      ...(correctedTo ? { correctedTo } : {}),
      idf: idf(results.length) * factor,
      count: results.length,
      docs, scores,
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
