/**
 * How much each article is about the story the corpus follows. A team's corpus is one story, plus
 * articles that turn up in the same searches (an adjacent story sharing its words). Each article's
 * words are compared with the rest of the corpus (cosine of log-tf·idf vectors against the sum of
 * all other articles): an article about the story shares its vocabulary with most of the others.
 */
import type { Analyzer } from './analyzer.ts';
import type { Article } from './types.ts';

export interface CentralityOptions {
  /** Content words read from the start of each article (the lead says what it is about). Default 400. */
  words?: number;
}

export const DEFAULT_CENTRALITY_OPTIONS: Required<CentralityOptions> = { words: 400 };

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
    for (const t of analyzer.terms(`${a.title}\n${a.body.slice(0, words * 10)}`).slice(0, words)) tf.set(t, (tf.get(t) ?? 0) + 1);
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
  const raw = vectors.map((v) => {
    let dot = 0, norm = 0;
    for (const [t, s] of sum) { const o = s - (v.get(t) ?? 0); norm += o * o; }
    for (const [t, w] of v) dot += w * ((sum.get(t) ?? 0) - w);
    return norm > 0 ? dot / Math.sqrt(norm) : 0;
  });
  const median = [...raw].sort((a, b) => a - b)[Math.floor(raw.length / 2)] || 1;
  articles.forEach((a, i) => result.set(a.id, raw[i]! / median));
  cohesionOf.set(result, median);
  return result;
}
