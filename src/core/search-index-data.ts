/**
 * The search index as data: MiniSearch's own serialisation (`toJSON()`), and loading it back, at
 * once or a slice of terms at a time (so that a large index does not hold the event loop).
 */
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import type { Analyzer } from './analyzer.ts';
import type { IndexedPassage } from './search-index.ts';

/** Bumped when what `data()` holds changes shape. */
export const SEARCH_INDEX_FORMAT = 'brief-minisearch-1';

/** The index as data: MiniSearch's own `toJSON()`, unchanged. */
export interface SearchIndexData {
  format: typeof SEARCH_INDEX_FORMAT;
  miniSearch: AsPlainObject;
}

/** Persisted data already turned back into a MiniSearch instance by {@link loadSearchIndexData} (without holding the event loop). */
export interface LoadedSearchIndex {
  format: typeof SEARCH_INDEX_FORMAT;
  loaded: MiniSearch<IndexedPassage>;
  ids: readonly string[];
}

/** What `createSearchIndex` restores from: the data, or the data already loaded. */
export type PersistedSearchIndex = SearchIndexData | LoadedSearchIndex;

const SEARCH_FIELDS = ['text', 'title', 'heading'];

const refuseToIndex = (): string[] => {
  throw new Error('a restored index is immutable: build a new one with all passages');
};

/**
 * MiniSearch's options. Field lengths are counted by MiniSearch from `tokenize`, before
 * `processTerm`: stop words are dropped in `tokenize` so lengths count content words. Queries
 * arrive as stems, so searching skips the pipeline. A restored index never indexes (no analyzer).
 */
export function miniSearchOptions(analyzer?: Analyzer): Options<IndexedPassage> {
  return {
    fields: SEARCH_FIELDS,
    storeFields: [],
    tokenize: analyzer ? (text) => analyzer.words(text) : refuseToIndex,
    processTerm: analyzer ? (term) => analyzer.stem(term) : (term) => term,
  };
}

/**
 * The ids in index order, from MiniSearch's `documentIds` ({ shortId: id }); throws unless they are 0…n−1, as `addAll` numbers
 * them.
 */
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
export interface SearchIndexLoad {
  addTerms(entries: SerializedTerms): void;
  done(): LoadedSearchIndex;
}

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
export async function loadSearchIndexData(
  data: SearchIndexData,
  yieldTurn: () => Promise<unknown> = () => new Promise((r) => setTimeout(r, 0)),
): Promise<LoadedSearchIndex> {
  checkData(data);
  const { index, ...head } = data.miniSearch;
  const load = startSearchIndexLoad(head);
  for (let i = 0; i < index.length; i += TERMS_PER_SLICE) {
    load.addTerms(index.slice(i, i + TERMS_PER_SLICE));
    await yieldTurn();
  }
  return load.done();
}

/** The MiniSearch instance and ids of persisted data (loaded now with `loadJS` unless it was loaded already). */
export function restoreMiniSearch(data: PersistedSearchIndex): { ms: MiniSearch<IndexedPassage>; ids: readonly string[] } {
  checkData(data);
  if ('loaded' in data) return { ms: data.loaded, ids: data.ids };
  return { ms: MiniSearch.loadJS<IndexedPassage>(data.miniSearch, miniSearchOptions()), ids: idsOf(data.miniSearch) };
}
