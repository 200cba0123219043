/**
 * The contenders: Brief's engine, MiniSearch with default options, MiniSearch with Brief's analyzer
 * (a plain `search`, none of Brief's ranking) and Lunr, each over the same passages (Brief's, so
 * all search the same units of text). Each can build an index, serialise it, load it back and
 * answer a question.
 */
import lunr from 'lunr';
import MiniSearch from 'minisearch';
import { createAnalyzer } from '../src/core/analyzer.ts';
import { createEngine } from '../src/core/engine.ts';
import type { Article, Passage } from '../src/core/types.ts';
import { decodeIndexCache, encodeIndexCache } from '../src/corpus/index-cache.ts';

const BENCH_FINGERPRINT = 'bench';

export interface Loaded {
  query(question: string): unknown;
}
/** `serialize` gives the bytes of the index file as each contender persists it. */
export interface Built extends Loaded {
  serialize(): Buffer;
}

export interface Contender {
  name: string;
  /** `passages` are Brief's, made before timing starts: the peers index them as documents. */
  build(articles: readonly Article[], passages: readonly Passage[]): Built;
  /** `bytes` as `serialize` made them, read back from the file. */
  load(bytes: Buffer, articles: readonly Article[]): Loaded | Promise<Loaded>;
}

interface PeerDoc {
  id: string;
  title: string;
  text: string;
}
function peerDocs(articles: readonly Article[], passages: readonly Passage[]): PeerDoc[] {
  const titles = new Map(articles.map((a) => [a.id, a.title]));
  return passages.map((p) => ({ id: p.id, title: titles.get(p.articleId) ?? '', text: p.text }));
}

/** Brief's engine: build = createEngine (passages, de-duplication, index); query = a full Answer. */
export const brief: Contender = {
  name: 'Brief',
  build(articles) {
    const engine = createEngine(articles);
    return {
      query: (q) => engine.answer(q),
      // Exactly the persisted index file (src/corpus/index-cache.ts).
      serialize: () => Buffer.from(encodeIndexCache(BENCH_FINGERPRINT, engine.snapshot(), articles).join('')),
    };
  },
  async load(bytes, articles) {
    const read = await decodeIndexCache(bytes, BENCH_FINGERPRINT, articles);
    if (read.status !== 'hit') throw new Error(`the index file did not load: ${read.status}`);
    const engine = createEngine(articles, { persistedIndex: read.snapshot });
    return { query: (q) => engine.answer(q) };
  },
};

const MINISEARCH_DEFAULTS = { fields: ['title', 'text'] };

/** MiniSearch 7 with default options: its own tokenizer, no stemming, no stop words; `search(q)`. */
export const miniSearchDefault: Contender = {
  name: 'MiniSearch (defaults)',
  build(articles, passages) {
    const ms = new MiniSearch<PeerDoc>(MINISEARCH_DEFAULTS);
    ms.addAll(peerDocs(articles, passages));
    return { query: (q) => ms.search(q).slice(0, 3), serialize: () => Buffer.from(JSON.stringify(ms)) };
  },
  load(bytes) {
    const ms = MiniSearch.loadJSON<PeerDoc>(bytes.toString('utf8'), MINISEARCH_DEFAULTS);
    return { query: (q) => ms.search(q).slice(0, 3) };
  },
};

const analyzer = createAnalyzer();
/** Brief's analyzer as MiniSearch's pipeline, as src/core/search-index.ts configures it; default search options otherwise. */
const MINISEARCH_BRIEF_ANALYZER = {
  fields: ['title', 'text'],
  tokenize: (text: string) => analyzer.words(text),
  processTerm: (term: string) => analyzer.stem(term),
};

/** MiniSearch 7 with Brief's analyzer (stop words, Porter2 stems): the index Brief uses, queried with a plain `search(q)`. */
export const miniSearchBriefAnalyzer: Contender = {
  name: "MiniSearch (Brief's analyzer)",
  build(articles, passages) {
    const ms = new MiniSearch<PeerDoc>(MINISEARCH_BRIEF_ANALYZER);
    ms.addAll(peerDocs(articles, passages));
    return { query: (q) => ms.search(q).slice(0, 3), serialize: () => Buffer.from(JSON.stringify(ms)) };
  },
  load(bytes) {
    const ms = MiniSearch.loadJSON<PeerDoc>(bytes.toString('utf8'), MINISEARCH_BRIEF_ANALYZER);
    return { query: (q) => ms.search(q).slice(0, 3) };
  },
};

/** Lunr's query-string syntax (`:`, `^`, `~`, `+`, `-`) would choke on headlines: terms are added one by one. */
function lunrQuery(index: lunr.Index, question: string): lunr.Index.Result[] {
  return index
    .query((query) => {
      for (const token of lunr.tokenizer(question)) query.term(token.toString(), {});
    })
    .slice(0, 3);
}

/** Lunr 2.3 with its default pipeline (English stemmer and stop words); one document per passage. */
export const lunrDefault: Contender = {
  name: 'Lunr',
  build(articles, passages) {
    const docs = peerDocs(articles, passages);
    const index = lunr(function build() {
      this.ref('id');
      this.field('title');
      this.field('text');
      for (const d of docs) this.add(d);
    });
    return { query: (q) => lunrQuery(index, q), serialize: () => Buffer.from(JSON.stringify(index)) };
  },
  load(bytes) {
    const index = lunr.Index.load(JSON.parse(bytes.toString('utf8')) as object);
    return { query: (q) => lunrQuery(index, q) };
  },
};

export const CONTENDERS: readonly Contender[] = [brief, miniSearchDefault, miniSearchBriefAnalyzer, lunrDefault];

const BY_KEY: Record<string, Contender> = {
  brief,
  minisearch: miniSearchDefault,
  'minisearch-brief': miniSearchBriefAnalyzer,
  lunr: lunrDefault,
};

export function contenderByKey(key: string): Contender {
  const found = BY_KEY[key];
  if (!found) throw new Error(`unknown contender "${key}" (${Object.keys(BY_KEY).join(', ')})`);
  return found;
}
