/**
 * Where a new article stands in the story: which earlier claim it contradicts (a denial of a
 * report, or a report of what was denied) and which disputed claim it confirms. The article's
 * headline and lead are put to the engine as a question, so only the passages the index finds are
 * compared, however large the corpus. Pure.
 */
import type { ClaimSide } from './briefing-types.ts';
import type { Engine } from './engine.ts';
import { articleToPassages } from './passages.ts';
import { idfOver, similarity, stancesAbout, storyWords } from './story-words.ts';
import { splitSentences } from './text.ts';
import { citeArticle } from './timeline-events.ts';
import type { Article } from './types.ts';

export interface StoryRelation {
  kind: 'confirms' | 'contradicts';
  /** The earlier claim, as its source wrote it. */
  claim: ClaimSide;
  /** The new article's sentence that takes the other (or the same) side. */
  text: string;
}

export interface PlacementOptions {
  /** Passages the engine returns for the headline and lead. Default 12. */
  depth?: number;
  /** Similarity (0…1) at which an earlier sentence is about the same claim. Default 0.3. */
  sameClaim?: number;
}

export const DEFAULT_PLACEMENT_OPTIONS: Required<PlacementOptions> = { depth: 12, sameClaim: 0.3 };

type PlacementEngine = Pick<Engine, 'answer' | 'analyzer' | 'article'>;

const dayOf = (a: Article) => a.published?.slice(0, 10);

/** Whether `other` came before `article` (undated articles count as earlier: they were in the corpus first). */
function isEarlier(other: Article, article: Article): boolean {
  const a = dayOf(article);
  const b = dayOf(other);
  return !a || !b || b <= a;
}

/**
 * At most one `contradicts` (the latest earlier claim it goes against) and one `confirms` (an
 * earlier claim on its side that another source denies), each citing the earlier source.
 */
export function placeInStory(engine: PlacementEngine, article: Article, options: PlacementOptions = {}): StoryRelation[] {
  const o = { ...DEFAULT_PLACEMENT_OPTIONS, ...options };
  const words = storyWords(engine.analyzer);
  const lead = splitSentences(articleToPassages(article)[0]?.text ?? '')[0] ?? '';
  const mine = [article.title, lead].filter((t) => t.trim()).map((text) => ({ text, stems: words.stemsOf(text) }));
  if (!mine.length) return [];
  const answer = engine.answer(`${article.title}. ${lead}`, { top: o.depth });
  const theirs = answer.results.flatMap((r) => {
    if (
      r.article.id === article.id ||
      r.passage.alsoIn.includes(article.id) ||
      (r.article.source === article.source && r.article.source) ||
      !isEarlier(r.article, article)
    )
      return [];
    return splitSentences(r.passage.text).map((text) => ({
      text,
      stems: words.stemsOf(text),
      article: r.article,
      passageId: r.passage.id,
    }));
  });
  const idf = idfOver([...mine, ...theirs].map((t) => t.stems));
  const pairs = theirs.flatMap((t) => {
    const best = mine.map((m) => ({ m, score: similarity(m.stems, t.stems, idf) })).sort((x, y) => y.score - x.score)[0]!;
    if (best.score < o.sameClaim) return [];
    const [a, b] = stancesAbout(words, best.m, t);
    return [{ ...t, score: best.score, mineText: best.m.text, same: a === b, theirStance: b }];
  });
  const latest = (xs: typeof pairs) =>
    [...xs].sort((x, y) => (dayOf(y.article) ?? '').localeCompare(dayOf(x.article) ?? '') || y.score - x.score)[0];
  const against = latest(pairs.filter((p) => !p.same));
  const out: StoryRelation[] = [];
  if (against)
    out.push({
      kind: 'contradicts',
      claim: { text: against.text, citation: citeArticle(against.article, against.passageId), stance: against.theirStance },
      text: against.mineText,
    });
  // Agreeing only matters where sources disagree: the claim it backs is one another source denies.
  const backed =
    against &&
    [...pairs.filter((p) => p.same && p.article.id !== against.article.id)].sort(
      (x, y) => (dayOf(x.article) ?? '9999').localeCompare(dayOf(y.article) ?? '9999') || y.score - x.score,
    )[0];
  if (backed)
    out.push({
      kind: 'confirms',
      claim: { text: backed.text, citation: citeArticle(backed.article, backed.passageId), stance: backed.theirStance },
      text: backed.mineText,
    });
  return out;
}
