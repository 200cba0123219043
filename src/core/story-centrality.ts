/**
 * How much each article is about the story the corpus follows. A team's corpus is one story, plus
 * articles that turn up in the same searches (an adjacent story sharing its words). Each article's
 * words are compared with the rest of the corpus (cosine of log-tf·idf vectors against the sum of
 * all other articles): an article about the story shares its vocabulary with most of the others.
 */
import type { Analyzer } from './analyzer.ts';
import type { Article } from './types.ts';

export interface CentralityOptions {
  /** Content words read from the start of each article (the lead says what it is about). Default 300. */
  words?: number;
}

export const DEFAULT_CENTRALITY_OPTIONS: Required<CentralityOptions> = { words: 300 };

const cohesionOf = new WeakMap<Map<string, number>, number>();
/** The median article's raw similarity to the rest: high for one story, low for a mixed collection. */
export function corpusCohesion(centrality: Map<string, number>): number { return cohesionOf.get(centrality) ?? 0; }

/** Article id → centrality relative to the corpus median (1 = a typical article; below 1, less on the story). */
export function storyCentrality(analyzer: Analyzer, articles: readonly Article[], options: CentralityOptions = {}): Map<string, number> {
  const { words } = { ...DEFAULT_CENTRALITY_OPTIONS, ...options };
  const result = new Map<string, number>();
  if (articles.length < 3) { for (const a of articles) result.set(a.id, 1); return result; }
  const counts = articles.map((a) => {
    const tf = new Map<string, number>();
    // Plain lower-cased words, not stems: similarity needs no stemming, and this runs over every article.
    let n = 0;
    for (const m of `${a.title}\n${a.body.slice(0, words * 12)}`.toLowerCase().matchAll(/[\p{L}\p{N}]{2,}/gu)) {
      const t = m[0];
      if (analyzer.stopWords.has(t)) continue;
      tf.set(t, (tf.get(t) ?? 0) + 1);
      if (++n >= words) break;
    }
    return tf;
  });
  const df = new Map<string, number>();
  for (const tf of counts) for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = articles.length;
  const vectors = counts.map((tf) => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [t, c] of tf) {
      const d = df.get(t)!;
      if (d < 2) continue; // a word no other article uses says nothing about shared subject
      const w = (1 + Math.log(c)) * Math.log(1 + n / d);
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of v) v.set(t, w / norm);
    return v;
  });
  const sum = new Map<string, number>();
  for (const v of vectors) for (const [t, w] of v) sum.set(t, (sum.get(t) ?? 0) + w);
  // |sum − v|² = |sum|² − 2·sum·v + |v|², so each article costs its own words, not the vocabulary.
  let sumNorm2 = 0;
  for (const w of sum.values()) sumNorm2 += w * w;
  const raw = vectors.map((v) => {
    let dotSum = 0, self = 0;
    for (const [t, w] of v) { dotSum += w * (sum.get(t) ?? 0); self += w * w; }
    const rest2 = sumNorm2 - 2 * dotSum + self;
    return rest2 > 1e-12 ? (dotSum - self) / Math.sqrt(rest2) : 0;
  });
  const median = [...raw].sort((a, b) => a - b)[Math.floor(raw.length / 2)] || 1;
  articles.forEach((a, i) => result.set(a.id, raw[i]! / median));
  cohesionOf.set(result, median);
  return result;
}
