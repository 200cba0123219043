/**
 * The last re-ranking step: how well each of the top passages fits as *the* answer, beyond the
 * words it shares with the question. It offers the kind of answer wanted; it is from an article
 * about the story rather than an adjacent one; it does not deny the very event the question asks
 * about ("who ordered it" is not answered by "nobody did"); and for "what's the latest" questions,
 * it is recent.
 */
import type { Analyzer } from './analyzer.ts';
import { passageKindEvidence } from './answer-sentence.ts';
import { isHedge } from './question-kind.ts';
import { groupStems, type TermGroup } from './search-index.ts';
import { asksAboutDenial, stanceOf } from './stance.ts';
import { splitSentences } from './text.ts';
import type { Article, Passage, QuestionKind } from './types.ts';

export interface AnswerFitOptions {
  /** Passages are scaled by e^(kindWeight × evidence) for offering the kind of answer wanted. Default 0.8. */
  kindWeight?: number;
  /** For "what did X say" questions, passages are scaled by e^(speakerWeight) when X is quoted or cited in one sentence. Default 1. */
  speakerWeight?: number;
  /** Factor on a passage that denies the event when the question asks something else of it. Default 0.5. */
  denialFactor?: number;
  /**
   * Articles less central to the story than `onStoryFrom` × the median are scaled by (centrality / onStoryFrom)^offStoryExponent. Default
   * 1.5.
   */
  offStoryExponent?: number;
  /** Centrality (relative to the median article) from which an article counts as fully on the story. Default 0.9. */
  onStoryFrom?: number;
  /** Corpus cohesion (median article similarity) from which the corpus counts as one story; below, no off-story factor. Default 0.3. */
  storyCohesion?: number;
  /** For questions about the latest state, passages are scaled by e^(recencyWeight × recency in 0…1). Default 2. */
  recencyWeight?: number;
}

export const DEFAULT_ANSWER_FIT_OPTIONS: Required<AnswerFitOptions> = {
  kindWeight: 0.8,
  speakerWeight: 1,
  denialFactor: 0.5,
  offStoryExponent: 1.5,
  onStoryFrom: 0.9,
  storyCohesion: 0.3,
  recencyWeight: 2,
};

// "what did *the Kremlin* say about …", "how did *DHS* respond": the answer is something they said.
const ASKS_WHAT_SOMEONE_SAID =
  /\b(?:what|how) (?:did|does|do|has|have|had|is|was) (.+?) (?:say|said|tell|told|think|respond|responded|reply|replied|claim|claimed|write|wrote|post|posted|argue|argued|call|called|make of)\b/i;
const SPEECH_RE =
  /\b(?:said|says|say|saying|told|tells|stated|states|statement|according|wrote|writes|posted|tweeted|spokes(?:person|man|woman)|refuted|denied|called|added|argued|warned|insisted|responded|replied|declared|announced|noted|claimed)\b/i;

/** The stems of the person or body a question asks the words of ("CISA" in "what did CISA say"), if it asks that. */
export function askedSpeaker(analyzer: Analyzer, question: string): Set<string> | undefined {
  const m = ASKS_WHAT_SOMEONE_SAID.exec(question);
  const stems = m?.[1] ? analyzer.terms(m[1]) : [];
  return stems.length ? new Set(stems) : undefined;
}

/** 1 when one sentence of the passage names the speaker with a word of speech ("DHS spokesperson … told"). */
function speakerEvidence(analyzer: Analyzer, passage: Passage, speaker: ReadonlySet<string>): number {
  for (const sentence of splitSentences(passage.text)) {
    if (SPEECH_RE.test(sentence) && analyzer.terms(sentence).some((t) => speaker.has(t))) return 1;
  }
  return 0;
}

const ASKS_FOR_LATEST =
  /\b(?:latest|newest|now|still|currently|current|in the end|eventually|finally|ultimately|later|so far|anymore|any more|update|updates|recent|recently|actually)\b/i;

export interface FitContext {
  analyzer: Analyzer;
  kind: QuestionKind;
  question: string;
  groups: readonly TermGroup[];
  /** Lower-cased words of the question as written. */
  questionWords: ReadonlySet<string>;
  /** Lower-cased names in the question (their stems are not event words). */
  entities: ReadonlySet<string>;
  /** Stems of the question's event words, what a denial negates ({@link eventStems}). */
  events: ReadonlySet<string>;
  passage(id: string): Passage | undefined;
  article(id: string): Article | undefined;
  /** Article id → centrality relative to the median (see story-centrality.ts), and the corpus's cohesion. */
  centrality(): { of: ReadonlyMap<string, number>; cohesion: number };
  /** Article id → recency in 0…1 (newest 1; undated 0.3). */
  recency(articleId: string): number;
  /** The question's whole weight (IDF), for how much of it a passage covers. */
  totalIdf: number;
}

/** The stems of the question's event words: what a denial negates. */
export function eventStems(groups: readonly TermGroup[], entities: ReadonlySet<string>): Set<string> {
  return new Set(groups.filter((g) => !entities.has(g.word)).flatMap(groupStems));
}

/** Scales each entry's score by its fit and re-sorts them (best first). */
export function fitAnswers<T extends { id: string; score: number; coveredIdf: number }>(
  entries: T[],
  ctx: FitContext,
  options: AnswerFitOptions = {},
): T[] {
  const opts = { ...DEFAULT_ANSWER_FIT_OPTIONS, ...options };
  const demoteDenials = ctx.kind !== 'yes-no' && !asksAboutDenial(ctx.question);
  const latest = ASKS_FOR_LATEST.test(ctx.question);
  const story = ctx.centrality();
  const speaker = askedSpeaker(ctx.analyzer, ctx.question);
  const storyWeight = story.cohesion >= opts.storyCohesion ? 1 : 0;
  const evidence = new Map<string, number>();
  for (const e of entries) {
    const passage = ctx.passage(e.id);
    if (!passage) continue;
    const offered = passageKindEvidence(ctx.analyzer, ctx.kind, ctx.groups, passage, ctx.questionWords, ctx.entities);
    evidence.set(e.id, offered);
    let factor = Math.exp(opts.kindWeight * offered);
    if (speaker) factor *= Math.exp(opts.speakerWeight * speakerEvidence(ctx.analyzer, passage, speaker));
    if (demoteDenials && stanceOf(passage.text, ctx.analyzer.wordStems, ctx.events) === 'denies') factor *= opts.denialFactor;
    const centrality = story.of.get(passage.articleId) ?? 1;
    if (storyWeight && centrality < opts.onStoryFrom) factor *= Math.max(0, centrality / opts.onStoryFrom) ** opts.offStoryExponent;
    if (latest) factor *= Math.exp(opts.recencyWeight * ctx.recency(passage.articleId));
    e.score *= factor;
  }
  entries.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  return settleOpenPoint(entries, evidence, ctx);
}

/**
 * "It is unclear how long the freeze will last" repeats the question word for word, yet a later
 * passage that says "it lasted two days" answers it. When the top passage only says the point is
 * open and another on the same point (half the question's weight) offers the answer outright and is
 * no older, that one leads.
 */
function settleOpenPoint<T extends { id: string; score: number; coveredIdf: number }>(
  entries: T[],
  evidence: ReadonlyMap<string, number>,
  ctx: FitContext,
): T[] {
  const top = entries[0] && ctx.passage(entries[0].id);
  if (!top || (evidence.get(entries[0]!.id) ?? 0) >= 1 || !isHedge(top.text)) return entries;
  const topDate = ctx.article(top.articleId)?.published;
  const settled = entries.findIndex((e, i) => {
    if (i === 0 || (evidence.get(e.id) ?? 0) < 1 || e.coveredIdf < 0.5 * ctx.totalIdf) return false;
    const p = ctx.passage(e.id);
    const date = p && ctx.article(p.articleId)?.published;
    return !!p && !isHedge(p.text) && (!topDate || !date || date.slice(0, 10) >= topDate.slice(0, 10));
  });
  if (settled < 0) return entries;
  const [answer] = entries.splice(settled, 1);
  return [answer!, ...entries];
}
