/** The answer engine: question → Answer { confident, answer sentence, ranked cited passages }. */
import { createAnalyzer, type Analyzer, type AnalyzerOptions } from './analyzer.ts';
import { DEFAULT_TOP } from './defaults.ts';
import { matchedSurfaceWords, pickAnswerSentence, type AnswerSentenceOptions } from './answer-sentence.ts';
import { buildPassages, type PassageOptions } from './passages.ts';
import { DEFAULT_PROXIMITY_OPTIONS, plainWords, shapeQuestion, type ProximityOptions } from './proximity.ts';
import { answerTypeWords, classifyQuestion, newsWords } from './question-kind.ts';
import { createRankScratch, matchedStems, passageTokensCache, rank, weighAnswerTypeWords, type Coordination } from './rank.ts';
import { findDisputes, type DisputeOptions } from './disputes.ts';
import { DEFAULT_ANSWER_FIT_OPTIONS, eventStems, fitAnswers, type AnswerFitOptions, type FitContext } from './answer-fit.ts';
import { dropNameSynonyms } from './name-synonyms.ts';
import { idiomPhraseWords, idiomWords } from './news-idioms.ts';
import { isEnglishWord, type CommonWordOptions } from './english.ts';
import { corpusCohesion, storyCentrality } from './story-centrality.ts';
import { articleRecency, corpusStats, type CorpusStats } from './corpus-stats.ts';
import { entityWords, holdsSubject, weighQuestionWords } from './question-terms.ts';
import { createSearchIndex, type SearchIndex, type SearchIndexOptions } from './search-index.ts';
import { checkRestoredIndex, restorePassages, SNAPSHOT_FORMAT, type EngineSnapshot } from './snapshot.ts';
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
  /**
   * Weight of words about the sources or the news ("sources disagree", "the latest"), relative to the others: they steer the answer, not
   * the search. Default 0.
   */
  newsWordWeight?: number;
  /** How many top passages are re-ranked by how closely they match. Default 30. */
  rerankDepth?: number;
  /**
   * How the first-pass score rewards matching more question words: `groups` (× words matched), `idf` (× IDF share matched) or `none`.
   * Default `groups`.
   */
  coordination?: Coordination;
  /** How the top `rerankDepth` passages are re-ranked by how closely they hold the question. Default {@link DEFAULT_PROXIMITY_OPTIONS}. */
  proximity?: ProximityOptions;
  /**
   * Weight, in the confidence share, of a question word the corpus never uses, relative to its IDF.
   * Such words are often phrasing ("say", "happened") rather than the subject. Default 0.4.
   */
  unknownWordWeight?: number;
  /** How everyday English frequency lowers a question word's weight (`false`: not at all). Default {@link DEFAULT_COMMON_WORD_OPTIONS}. */
  commonWords?: CommonWordOptions | false;
  /** The final re-ranking of the top passages by how they fit as the answer. Default {@link DEFAULT_ANSWER_FIT_OPTIONS}. */
  fit?: AnswerFitOptions;
  /** When contradicting passages are shown beside the answer. Default {@link DEFAULT_DISPUTE_OPTIONS}. */
  disputes?: DisputeOptions;
  /**
   * Up to this many articles, the engine works out how central each is to the story on its first answer; above, see
   * `provideStoryCentrality`. Default 3000.
   */
  lazyCentralityUpTo?: number;
  /** A snapshot from `engine.snapshot()` over the same articles and options: skips building. Default none. */
  persistedIndex?: EngineSnapshot;
}

export const DEFAULT_ENGINE_OPTIONS = {
  minCoverage: 0.5,
  maxQuestionChars: 1000,
  maxQuestionTerms: 32,
  rerankDepth: 30,
  unknownWordWeight: 0.4,
  coordination: 'groups',
  answerTypeWeight: 0.3,
  newsWordWeight: 0,
  lazyCentralityUpTo: 3000,
} as const;

/** Each article's centrality to the story (story-centrality.ts) and how much the corpus is one story. */
export interface StoryCentrality {
  of: ReadonlyMap<string, number>;
  cohesion: number;
}
const NEUTRAL_STORY: StoryCentrality = { of: new Map(), cohesion: 0 };

export type { Coordination } from './rank.ts';

export interface AskOptions {
  /** How many passages to return. Default {@link DEFAULT_TOP}. */
  top?: number;
  /** Skip this many ranked passages (for "more results"). Default 0. */
  offset?: number;
}

export type { CorpusStats } from './corpus-stats.ts';

export interface Engine {
  answer(question: string, options?: AskOptions): Answer;
  readonly articles: readonly Article[];
  readonly passages: readonly Passage[];
  article(id: string): Article | undefined;
  passage(id: string): Passage | undefined;
  stats(): CorpusStats;
  readonly analyzer: Analyzer;
  /** Passages and index as data, to build the same engine faster next time (`persistedIndex`). */
  snapshot(): EngineSnapshot;
  /** How central each article is to the story, once known (see `lazyCentralityUpTo`). */
  storyCentrality(): StoryCentrality;
  /** Hands the engine the centrality of its articles (`storyCentrality(analyzer, articles)`), worked out elsewhere. */
  provideStoryCentrality(of: Map<string, number>): void;
}

/** Oldest first, undated last, then by id: the first to carry a passage keeps it. */
export function compareArticles(a: Article, b: Article): number {
  if (a.published && b.published && a.published !== b.published) return a.published < b.published ? -1 : 1;
  if (!!a.published !== !!b.published) return a.published ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function createEngine(articles: readonly Article[], options: EngineOptions = {}): Engine {
  const opts = { ...DEFAULT_ENGINE_OPTIONS, ...options };
  const ordered = [...articles].sort(compareArticles);
  // Synonyms only expand questions (indexing never uses them), so they can be fitted to the corpus here.
  const synonyms = opts.analyzer?.synonyms?.length ? dropNameSynonyms(opts.analyzer.synonyms, ordered) : opts.analyzer?.synonyms;
  const analyzer = createAnalyzer({ ...opts.analyzer, ...(synonyms ? { synonyms } : {}) });
  const byArticle = new Map(ordered.map((a) => [a.id, a]));
  const persisted = opts.persistedIndex;
  const passages = persisted ? restorePassages(persisted, new Set(byArticle.keys())) : buildPassages(ordered, opts.passages);
  const byPassage = new Map(passages.map((p) => [p.id, p]));
  // Real words are never "corrected" into corpus words ("cover" is not a typo of "over").
  const index: SearchIndex = createSearchIndex(analyzer, { canCorrect: (w) => !isEnglishWord(w), ...opts.search }, persisted?.index);
  if (persisted) checkRestoredIndex(index.size, passages);
  else
    index.add(passages.map((p) => ({ id: p.id, text: p.text, title: byArticle.get(p.articleId)?.title ?? '', heading: p.heading ?? '' })));
  const proximity = { ...DEFAULT_PROXIMITY_OPTIONS, ...opts.proximity };
  const tokensOf = passageTokensCache(analyzer, byPassage);
  const scratch = createRankScratch(index.size);

  let stats: CorpusStats | undefined;
  let centrality: StoryCentrality | undefined;
  const provide = (of: Map<string, number>) => {
    centrality = { of, cohesion: corpusCohesion(of) };
  };
  // Worked out on first use for a corpus small enough (well under a second); a larger one's is
  // provided by the caller, read in event-loop slices (build-engine.ts), and is neutral until then.
  const storyOf = (): StoryCentrality => {
    if (!centrality && ordered.length <= opts.lazyCentralityUpTo) provide(storyCentrality(analyzer, ordered));
    return centrality ?? NEUTRAL_STORY;
  };
  const recency = articleRecency(ordered);

  const answer = (question: string, ask: AskOptions = {}): Answer => {
    const top = Math.max(1, Math.min(ask.top ?? DEFAULT_TOP, 50));
    const offset = Math.max(0, ask.offset ?? 0);
    const text = normalizeText(stripSlackMarkup(question.slice(0, opts.maxQuestionChars)));
    const kind = classifyQuestion(text);
    const base = {
      question: text,
      kind,
      confident: false,
      sentence: null,
      results: [],
      totalMatches: 0,
      unknownTerms: [],
      corrections: {},
      disputed: [],
    };
    if (!/[\p{L}\p{N}]/u.test(text)) return { ...base, problem: 'empty' };
    const words = uniqueByStem(analyzer, [...analyzer.words(text), ...analyzer.words(idiomWords(text))]).slice(0, opts.maxQuestionTerms);
    if (words.length === 0) return { ...base, problem: 'no-search-terms' };

    const entities = entityWords(text);
    const looked = weighQuestionWords(index.lookUp(words), entities, opts.commonWords ?? {});
    const about = new Set([...newsWords(text), ...idiomPhraseWords(text)]);
    const groups = weighAnswerTypeWords(
      weighAnswerTypeWords(looked, answerTypeWords(text), opts.answerTypeWeight),
      about,
      opts.newsWordWeight,
    );
    const shape = shapeQuestion(text, groups, analyzer.stopWords);
    const { top: first, total } = rank(shape, {
      index,
      scratch,
      depth: opts.rerankDepth,
      coordination: opts.coordination,
      proximity,
      tokensOf,
      keep: offset + top,
    });
    const totalIdf = groups.reduce((s, g) => s + g.idf * (g.count ? 1 : opts.unknownWordWeight), 0) || 1;
    const events = eventStems(groups, entities);
    const fitContext: FitContext = {
      analyzer,
      kind,
      question: text,
      groups,
      questionWords: new Set(plainWords(text)),
      entities,
      events,
      totalIdf,
      passage: (id) => byPassage.get(id),
      article: (id) => byArticle.get(id),
      centrality: storyOf,
      recency: (id) => recency.get(id) ?? 0.3,
    };
    const depth = Math.min(opts.rerankDepth, first.length);
    const ranked = [
      ...fitAnswers(first.slice(0, depth), fitContext, { ...DEFAULT_ANSWER_FIT_OPTIONS, ...opts.fit }),
      ...first.slice(depth),
    ];
    const hit = (id: string, score: number, matched: boolean): RankedPassage[] => {
      const passage = byPassage.get(id);
      const article = passage && byArticle.get(passage.articleId);
      if (!passage || !article) return [];
      const alsoReportedBy = passage.alsoIn.flatMap((a) => byArticle.get(a) ?? []);
      return [
        {
          passage,
          article,
          score,
          matchedWords: matched ? matchedSurfaceWords(analyzer, passage.text, matchedStems(groups, index, id)) : [],
          ...(alsoReportedBy.length ? { alsoReportedBy } : {}),
        },
      ];
    };
    const results: RankedPassage[] = ranked.slice(offset, offset + top).flatMap(({ id, score }) => hit(id, score, true));
    const topCoverage = ranked[0] ? ranked[0].coveredIdf / totalIdf : 0;
    const sentenceFrom = offset === 0 ? results : ranked.slice(0, top).flatMap(({ id, score }) => hit(id, score, false));
    const confident = topCoverage >= opts.minCoverage && ranked[0] !== undefined && holdsSubject(groups, entities, index, ranked[0].id);
    const sides = confident
      ? findDisputes(ranked.slice(0, depth), { analyzer, events, totalIdf, passage: (id) => byPassage.get(id) }, opts.disputes)
      : undefined;
    const disputed = (sides?.disputed ?? []).flatMap(({ id, stance }) =>
      hit(id, ranked.find((e) => e.id === id)?.score ?? 0, true).map((h) => ({ ...h, stance })),
    );
    if (sides && disputed.length && offset === 0 && results[0]) results[0] = { ...results[0], stance: sides.stance };
    return {
      ...base,
      confident,
      disputed,
      sentence: pickAnswerSentence(analyzer, kind, groups, sentenceFrom, text, opts.answerSentence, entities),
      results,
      totalMatches: total,
      unknownTerms: groups.filter((g) => g.count === 0).map((g) => g.word),
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
    snapshot: () => ({ format: SNAPSHOT_FORMAT, passages, index: index.data() }),
    storyCentrality: storyOf,
    provideStoryCentrality: provide,
    // The engine never changes, so its stats are worked out once, not on every answer rendered.
    stats: () => (stats ??= corpusStats(ordered, passages.length)),
  };
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
