/** The answer engine: question → Answer { confident, answer sentence, ranked cited passages }. */
import { createAnalyzer, type Analyzer, type AnalyzerOptions } from './analyzer.ts';
import { groupStems, matchedSurfaceWords, pickAnswerSentence, type AnswerSentenceOptions } from './answer-sentence.ts';
import { buildPassages, type PassageOptions } from './passages.ts';
import { DEFAULT_PROXIMITY_OPTIONS, passageTokens, rerankScore, shapeQuestion, type PassageTokens, type ProximityOptions, type QuestionShape } from './proximity.ts';
import { answerTypeWords, classifyQuestion } from './question-kind.ts';
import { createSearchIndex, type SearchIndex, type SearchIndexOptions, type TermGroup } from './search-index.ts';
import { normalizeText, stripSlackMarkup } from './text.ts';
import type { Answer, Article, Passage, RankedPassage } from './types.ts';

export interface EngineOptions {
  analyzer?: AnalyzerOptions;
  passages?: PassageOptions;
  search?: SearchIndexOptions;
  answerSentence?: AnswerSentenceOptions;
  /** Share of the question's weight (IDF) the top passage must match to be confident. Default 0.5. */
  minCoverage?: number;
  /** Questions are cut to this many characters before searching. Default 1000. */
  maxQuestionChars?: number;
  /** At most this many distinct question words are searched. Default 32. */
  maxQuestionTerms?: number;
  /** Weight of words that only name the kind of answer wanted ("how *many*", "what *year*"), relative to the others. Default 0.3. */
  answerTypeWeight?: number;
  /** How many top passages are re-ranked by how closely they match. Default 30. */
  rerankDepth?: number;
  /** How the first-pass score rewards matching more question words: `groups` (× words matched), `idf` (× IDF share matched) or `none`. Default `groups`. */
  coordination?: Coordination;
  /** How the top `rerankDepth` passages are re-ranked by how closely they hold the question. Default {@link DEFAULT_PROXIMITY_OPTIONS}. */
  proximity?: ProximityOptions;
  /**
   * Weight, in the confidence share, of a question word the corpus never uses, relative to its IDF.
   * Such words are often phrasing ("say", "happened") rather than the subject. Default 0.4.
   */
  unknownWordWeight?: number;
}

export const DEFAULT_ENGINE_OPTIONS = {
  minCoverage: 0.5,
  maxQuestionChars: 1000,
  maxQuestionTerms: 32,
  rerankDepth: 30,
  unknownWordWeight: 0.4,
  coordination: 'groups',
  answerTypeWeight: 0.3,
} as const;

export type Coordination = 'groups' | 'idf' | 'none';

export interface AskOptions {
  /** How many passages to return. Default 3. */
  top?: number;
  /** Skip this many ranked passages (for "more results"). Default 0. */
  offset?: number;
}

export interface CorpusStats {
  articles: number;
  passages: number;
  outlets: string[];
  /** The newest `published` value in the corpus, if any article has one. */
  newestPublished?: string;
}

export interface Engine {
  answer(question: string, options?: AskOptions): Answer;
  readonly articles: readonly Article[];
  readonly passages: readonly Passage[];
  article(id: string): Article | undefined;
  passage(id: string): Passage | undefined;
  stats(): CorpusStats;
  readonly analyzer: Analyzer;
}

/** Oldest first, undated last, then by id: the first to carry a passage keeps it. */
export function compareArticles(a: Article, b: Article): number {
  if (a.published && b.published && a.published !== b.published) return a.published < b.published ? -1 : 1;
  if (!!a.published !== !!b.published) return a.published ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function createEngine(articles: readonly Article[], options: EngineOptions = {}): Engine {
  const opts = { ...DEFAULT_ENGINE_OPTIONS, ...options };
  const analyzer = createAnalyzer(opts.analyzer);
  const ordered = [...articles].sort(compareArticles);
  const byArticle = new Map(ordered.map((a) => [a.id, a]));
  const passages = buildPassages(ordered, opts.passages);
  const byPassage = new Map(passages.map((p) => [p.id, p]));
  const index: SearchIndex = createSearchIndex(analyzer, opts.search);
  index.add(passages.map((p) => ({ id: p.id, text: p.text, title: byArticle.get(p.articleId)?.title ?? '', heading: p.heading ?? '' })));
  const proximity = { ...DEFAULT_PROXIMITY_OPTIONS, ...opts.proximity };
  const tokensOf = passageTokensCache(analyzer, byPassage);

  const answer = (question: string, ask: AskOptions = {}): Answer => {
    const top = Math.max(1, Math.min(ask.top ?? 3, 50));
    const offset = Math.max(0, ask.offset ?? 0);
    const text = normalizeText(stripSlackMarkup(question.slice(0, opts.maxQuestionChars)));
    const kind = classifyQuestion(text);
    const base = { question: text, kind, confident: false, sentence: null, results: [], totalMatches: 0, unknownTerms: [], corrections: {} };
    if (!/[\p{L}\p{N}]/u.test(text)) return { ...base, problem: 'empty' };
    const words = uniqueByStem(analyzer, analyzer.words(text)).slice(0, opts.maxQuestionTerms);
    if (words.length === 0) return { ...base, problem: 'no-search-terms' };

    const groups = weighAnswerTypeWords(index.lookUp(words), answerTypeWords(text), opts.answerTypeWeight);
    const shape = shapeQuestion(text, groups, analyzer.stopWords);
    const ranked = rank(shape, { depth: opts.rerankDepth, coordination: opts.coordination, proximity, tokensOf });
    const totalIdf = groups.reduce((s, g) => s + g.idf * (g.scores.size ? 1 : opts.unknownWordWeight), 0) || 1;
    const results: RankedPassage[] = ranked.slice(offset, offset + top).flatMap(({ id, score }) => {
      const passage = byPassage.get(id);
      const article = passage && byArticle.get(passage.articleId);
      return passage && article ? [{ passage, article, score, matchedWords: matchedSurfaceWords(analyzer, passage.text, matchedStems(groups, id)) }] : [];
    });
    const topCoverage = ranked[0] ? ranked[0].coveredIdf / totalIdf : 0;
    const sentenceFrom = offset === 0 ? results : ranked.slice(0, top).flatMap(({ id, score }) => {
      const passage = byPassage.get(id);
      const article = passage && byArticle.get(passage.articleId);
      return passage && article ? [{ passage, article, score, matchedWords: [] }] : [];
    });
    return {
      ...base,
      confident: topCoverage >= opts.minCoverage,
      sentence: pickAnswerSentence(analyzer, kind, groups, sentenceFrom, text, opts.answerSentence),
      results,
      totalMatches: ranked.length,
      unknownTerms: groups.filter((g) => g.scores.size === 0).map((g) => g.word),
      corrections: Object.fromEntries(groups.filter((g) => g.correctedTo).map((g) => [g.word, g.correctedTo as string])),
    };
  };

  return {
    answer,
    articles: ordered,
    passages,
    article: (id) => byArticle.get(id),
    passage: (id) => byPassage.get(id),
    analyzer,
    stats: () => {
      const dates = ordered.map((a) => a.published).filter((d): d is string => !!d).sort();
      const outlets = [...new Set(ordered.map((a) => a.source).filter((s): s is string => !!s))].sort();
      const newest = dates[dates.length - 1];
      return { articles: ordered.length, passages: passages.length, outlets, ...(newest ? { newestPublished: newest } : {}) };
    },
  };
}

interface Scored { id: string; score: number; bm25: number; coveredIdf: number; groupsMatched: number }

/** The stems of the question (words, corrections, synonyms) that a passage matched. */
function matchedStems(groups: readonly TermGroup[], id: string): Set<string> {
  const stems = new Set<string>();
  for (const g of groups) if (g.scores.has(id)) for (const t of g.matched.get(id) ?? groupStems(g)) stems.add(t);
  return stems;
}

interface RankOptions {
  depth: number;
  coordination: Coordination;
  proximity: Required<ProximityOptions>;
  tokensOf: (id: string) => PassageTokens;
}

/**
 * First pass: sums each group's BM25 score per passage and rewards matching more of the question
 * (by default × groups matched: MiniSearch's own habit, applied per question word rather than per
 * synonym). Second pass: the top `depth` passages are re-scored by how closely they hold the
 * question ({@link rerankScore}) and stay above the rest.
 */
function rank(shape: QuestionShape, options: RankOptions): Scored[] {
  const { groups, totalIdf } = shape;
  const acc = new Map<string, Scored>();
  for (const g of groups) {
    for (const [id, s] of g.scores) {
      let entry = acc.get(id);
      if (!entry) { entry = { id, score: 0, bm25: 0, coveredIdf: 0, groupsMatched: 0 }; acc.set(id, entry); }
      entry.bm25 += s * (g.weight ?? 1);
      entry.coveredIdf += g.idf;
      entry.groupsMatched += 1;
    }
  }
  const coordinate = (e: { coveredIdf: number; groupsMatched: number }) =>
    options.coordination === 'groups' ? e.groupsMatched : options.coordination === 'idf' ? e.coveredIdf / (totalIdf || 1) : 1;
  const byScore = (a: Scored, b: Scored) => b.score - a.score || (a.id < b.id ? -1 : 1);
  const scored = [...acc.values()];
  for (const e of scored) e.score = e.bm25 * coordinate(e);
  scored.sort(byScore);
  if (options.depth <= 0) return scored;
  const head = scored.slice(0, options.depth);
  for (const e of head) e.score = rerankScore(e.bm25, e.coveredIdf, options.tokensOf(e.id), shape, options.proximity);
  return [...head.sort(byScore), ...scored.slice(options.depth)];
}

const MAX_CACHED_PASSAGES = 50_000;

/** A passage's words and stems in order, computed when first re-ranked and kept (bounded) for later questions. */
function passageTokensCache(analyzer: Analyzer, byPassage: ReadonlyMap<string, Passage>): (id: string) => PassageTokens {
  const cache = new Map<string, PassageTokens>();
  return (id) => {
    let tokens = cache.get(id);
    if (tokens === undefined) {
      const text = byPassage.get(id)?.text ?? '';
      const content = analyzer.words(text);
      tokens = passageTokens(content, content.map(analyzer.stem), text);
      if (cache.size >= MAX_CACHED_PASSAGES) cache.clear();
      cache.set(id, tokens);
    }
    return tokens;
  };
}

/** Scales the groups of answer-type words ("many", "year") down: they say what is wanted, not what it is about. */
function weighAnswerTypeWords(groups: TermGroup[], typeWords: ReadonlySet<string>, weight: number): TermGroup[] {
  if (typeWords.size === 0 || weight === 1) return groups;
  return groups.map((g) => typeWords.has(g.word)
    ? { ...g, idf: g.idf * weight, weight: (g.weight ?? 1) * weight }
    : g);
}

function uniqueByStem(analyzer: Analyzer, words: string[]): string[] {
  const seen = new Set<string>();
  return words.filter((w) => {
    const s = analyzer.stem(w);
    if (seen.has(s)) return false;
    seen.add(s);
    return true;
  });
}
