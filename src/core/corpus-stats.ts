/** What the engine says about its corpus as a whole: counts, outlets, the newest date, each article's recency. */
import type { Article } from './types.ts';

export interface CorpusStats {
  articles: number;
  passages: number;
  outlets: string[];
  /** The newest `published` value in the corpus, if any article has one. */
  newestPublished?: string;
}

export function corpusStats(ordered: readonly Article[], passageCount: number): CorpusStats {
  const dates = ordered
    .map((a) => a.published)
    .filter((d): d is string => !!d)
    .sort();
  const outlets = [...new Set(ordered.map((a) => a.source).filter((s): s is string => !!s))].sort();
  const newest = dates[dates.length - 1];
  return { articles: ordered.length, passages: passageCount, outlets, ...(newest ? { newestPublished: newest } : {}) };
}

/** Article id → 0…1 by publication date among dated articles (newest 1); undated articles are left out. */
export function articleRecency(ordered: readonly Article[]): Map<string, number> {
  const dated = ordered.filter((a) => a.published);
  const dates = [...new Set(dated.map((a) => a.published!.slice(0, 10)))].sort();
  const at = new Map(dates.map((d, i) => [d, dates.length > 1 ? i / (dates.length - 1) : 1]));
  return new Map(dated.map((a) => [a.id, at.get(a.published!.slice(0, 10)) ?? 0]));
}
