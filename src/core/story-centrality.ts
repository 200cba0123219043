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
export function corpusCohesion(centrality: Map<string, number>): number {
  return cohesionOf.get(centrality) ?? 0;
}

/**
 * Reads articles one at a time (so a large corpus can be read in event-loop slices), then works out
 * every article's centrality relative to the median (1 = a typical article; below 1, less on the story).
 */
export function createCentralityBuilder(analyzer: Analyzer, options: CentralityOptions = {}) {
  const { words } = { ...DEFAULT_CENTRALITY_OPTIONS, ...options };
  // Terms as integers and vectors as typed arrays: at 17,800 articles, maps of strings took seconds.
  const termIds = new Map<string, number>();
  const bags: { id: string; terms: Int32Array; tf: Float64Array }[] = [];
  return {
    add(a: Article): void {
      const counts = new Map<number, number>();
      let n = 0;
      // Plain lower-cased words, not stems: similarity needs no stemming, and this runs over every article.
      for (const m of `${a.title}\n${a.body.slice(0, words * 12)}`.toLowerCase().matchAll(/[\p{L}\p{N}]{2,}/gu)) {
        const t = m[0];
        if (analyzer.stopWords.has(t)) continue;
        let id = termIds.get(t);
        if (id === undefined) {
          id = termIds.size;
          termIds.set(t, id);
        }
        counts.set(id, (counts.get(id) ?? 0) + 1);
        if (++n >= words) break;
      }
      bags.push({ id: a.id, terms: Int32Array.from(counts.keys()), tf: Float64Array.from(counts.values()) });
    },
    finish(): Map<string, number> {
      return centralityOfBags(bags, termIds.size);
    },
  };
}

/** Article id → centrality relative to the median (1 = a typical article; below 1, less on the story). */
export function storyCentrality(analyzer: Analyzer, articles: readonly Article[], options: CentralityOptions = {}): Map<string, number> {
  const builder = createCentralityBuilder(analyzer, options);
  for (const a of articles) builder.add(a);
  return builder.finish();
}

function centralityOfBags(bags: readonly { id: string; terms: Int32Array; tf: Float64Array }[], vocabulary: number): Map<string, number> {
  const result = new Map<string, number>();
  if (bags.length < 3) {
    for (const b of bags) result.set(b.id, 1);
    return result;
  }
  const df = new Int32Array(vocabulary);
  for (const b of bags) for (const t of b.terms) df[t]!++;
  const n = bags.length;
  // Unit log-tf·idf vectors; a word no other article uses says nothing about a shared subject.
  const weights = bags.map(({ terms, tf }) => {
    const w = new Float64Array(terms.length);
    let norm = 0;
    for (let k = 0; k < terms.length; k++) {
      const d = df[terms[k]!]!;
      if (d < 2) continue;
      w[k] = (1 + Math.log(tf[k]!)) * Math.log(1 + n / d);
      norm += w[k]! * w[k]!;
    }
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < w.length; k++) w[k]! /= norm;
    return w;
  });
  const sum = new Float64Array(vocabulary);
  bags.forEach(({ terms }, i) => {
    const w = weights[i]!;
    for (let k = 0; k < terms.length; k++) sum[terms[k]!]! += w[k]!;
  });
  // |sum − v|² = |sum|² − 2·sum·v + |v|², so each article costs its own words, not the vocabulary.
  let sumNorm2 = 0;
  for (const x of sum) sumNorm2 += x * x;
  const raw = bags.map(({ terms }, i) => {
    const w = weights[i]!;
    let dotSum = 0,
      self = 0;
    for (let k = 0; k < terms.length; k++) {
      dotSum += w[k]! * sum[terms[k]!]!;
      self += w[k]! * w[k]!;
    }
    const rest2 = sumNorm2 - 2 * dotSum + self;
    return rest2 > 1e-12 ? (dotSum - self) / Math.sqrt(rest2) : 0;
  });
  const median = [...raw].sort((a, b) => a - b)[Math.floor(raw.length / 2)] || 1;
  bags.forEach((b, i) => {
    result.set(b.id, raw[i]! / median);
  });
  cohesionOf.set(result, median);
  return result;
}
