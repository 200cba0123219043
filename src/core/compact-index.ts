/**
 * An immutable inverted index in typed arrays, scoring BM25+ exactly as MiniSearch does (same
 * formula, field boosts, field lengths counted before stemming).
 *
 * Written by hand because MiniSearch keeps a Map per term, field and document: at 100k passages
 * that was 820 MB of RSS, a 10 s JSON load and most of the query time, against targets of 400 MB,
 * 3 s and 2 ms. Here each field's postings are one Uint32Array of document numbers and one
 * Uint16Array of term frequencies, addressed through per-term offsets (CSR layout), and the whole
 * index persists as a handful of typed arrays.
 */

export const COMPACT_INDEX_FORMAT = 'brief-compact-1';

export interface Bm25Params { k: number; b: number; d: number }

export interface CompactDocument { id: string; fields: readonly (readonly string[])[]; lengths: readonly number[] }

export interface FieldPostings {
  /** Postings of term t are docs[offsets[t] .. offsets[t + 1]). */
  offsets: Uint32Array;
  docs: Uint32Array;
  tfs: Uint16Array;
  /** Length of the field in each document (distinct words before stemming, as MiniSearch counts it). */
  lengths: Uint32Array;
  avgLength: number;
}

/** Documents matching a set of stems, in parallel arrays: `scores[i]` belongs to `docs[i]`. */
export interface Matches { docs: Uint32Array; scores: Float64Array }

/**
 * The index as data, for persisting: strings as arrays, postings as the typed arrays themselves
 * (shared, not copied: treat them as read-only). src/corpus/index-cache.ts writes the typed arrays
 * as raw bytes, so loading them back is a copy, not a parse.
 */
export interface CompactIndexData {
  format: typeof COMPACT_INDEX_FORMAT;
  ids: readonly string[];
  terms: readonly string[];
  fields: readonly FieldPostings[];
}

export interface CompactIndex {
  readonly size: number;
  readonly ids: readonly string[];
  /** Documents matching any of `stems`, with the summed weighted BM25+ score. */
  score(stems: readonly string[], weights: readonly number[], boosts: readonly number[], bm25: Bm25Params): Matches;
  /** Whether document `doc` holds `stem` in any field. */
  contains(stem: string, doc: number): boolean;
  /** Documents holding the term in any field. */
  documentFrequency(stem: string): number;
  /** Terms within `maxDistance` edits of `stem` (itself excluded). */
  similarTerms(stem: string, maxDistance: number): string[];
  data(): CompactIndexData;
}

/** Builds the index from documents whose fields are already stemmed terms. */
export function buildCompactIndex(documents: readonly CompactDocument[], fieldCount: number): CompactIndex {
  const vocab = new Map<string, number>();
  const terms: string[] = [];
  const postings: Map<number, number>[][] = Array.from({ length: fieldCount }, () => []);
  const lengths = Array.from({ length: fieldCount }, () => new Uint32Array(documents.length));
  documents.forEach((doc, d) => {
    for (let f = 0; f < fieldCount; f++) {
      lengths[f]![d] = doc.lengths[f] ?? 0;
      for (const term of doc.fields[f] ?? []) {
        let t = vocab.get(term);
        if (t === undefined) { t = terms.length; vocab.set(term, t); terms.push(term); }
        const list = (postings[f]![t] ??= new Map());
        list.set(d, (list.get(d) ?? 0) + 1);
      }
    }
  });
  const fields = postings.map((perTerm, f) => {
    const offsets = new Uint32Array(terms.length + 1);
    let total = 0;
    for (let t = 0; t < terms.length; t++) { offsets[t] = total; total += perTerm[t]?.size ?? 0; }
    offsets[terms.length] = total;
    const docs = new Uint32Array(total);
    const tfs = new Uint16Array(total);
    for (let t = 0; t < terms.length; t++) {
      let i = offsets[t]!;
      for (const [d, tf] of perTerm[t] ?? []) { docs[i] = d; tfs[i] = Math.min(tf, 65_535); i++; }
    }
    const fieldLengths = lengths[f]!;
    const avgLength = documents.length ? fieldLengths.reduce((s, n) => s + n, 0) / documents.length : 0;
    return { offsets, docs, tfs, lengths: fieldLengths, avgLength };
  });
  return compactIndexOf(documents.map((d) => d.id), terms, fields);
}

/** Restores an index from its `data()`; throws when the data is not a whole, consistent index. */
export function loadCompactIndex(data: CompactIndexData): CompactIndex {
  const o = data as Partial<CompactIndexData> | undefined;
  if (o?.format !== COMPACT_INDEX_FORMAT || !Array.isArray(o.ids) || !Array.isArray(o.terms) || !Array.isArray(o.fields)) {
    throw new Error('not a Brief compact index');
  }
  const { ids, terms, fields } = o as CompactIndexData;
  for (const f of fields) {
    if (!(f.offsets instanceof Uint32Array && f.docs instanceof Uint32Array && f.tfs instanceof Uint16Array && f.lengths instanceof Uint32Array) || typeof f.avgLength !== 'number') {
      throw new Error('compact index field is not typed arrays');
    }
    if (f.offsets.length !== terms.length + 1 || f.docs.length !== f.tfs.length || f.lengths.length !== ids.length || f.offsets[terms.length] !== f.docs.length) {
      throw new Error('compact index arrays do not fit together');
    }
    // Scoring indexes by these numbers without bounds checks: a damaged file must fail here instead.
    for (let t = 0; t < terms.length; t++) if (f.offsets[t]! > f.offsets[t + 1]!) throw new Error('compact index offsets are not in order');
    for (let i = 0; i < f.docs.length; i++) if (f.docs[i]! >= ids.length) throw new Error('compact index posting names no document');
  }
  return compactIndexOf(ids, terms, fields);
}

function compactIndexOf(ids: readonly string[], terms: readonly string[], fields: readonly FieldPostings[]): CompactIndex {
  const vocab = new Map(terms.map((t, i) => [t, i]));
  const byLength = new Map<number, string[]>();
  for (const t of terms) {
    const list = byLength.get(t.length);
    if (list) list.push(t); else byLength.set(t.length, [t]);
  }
  const n = ids.length;

  // Scratch space reused by every query (queries run one at a time): no per-query allocation of n.
  const sums = new Float64Array(n);
  const seen = new Uint8Array(n);
  const touched = new Uint32Array(n);

  const score: CompactIndex['score'] = (stems, weights, boosts, { k, b, d }) => {
    let count = 0;
    stems.forEach((stem, s) => {
      const t = vocab.get(stem);
      if (t === undefined) return;
      fields.forEach((field, f) => {
        const start = field.offsets[t]!;
        const end = field.offsets[t + 1]!;
        if (start === end) return;
        const idf = Math.log(1 + (n - (end - start) + 0.5) / (end - start + 0.5));
        const factor = (weights[s] ?? 1) * (boosts[f] ?? 1) * idf;
        const avg = field.avgLength || 1;
        for (let i = start; i < end; i++) {
          const doc = field.docs[i]!;
          const tf = field.tfs[i]!;
          const norm = 1 - b + (b * field.lengths[doc]!) / avg;
          if (!seen[doc]) { seen[doc] = 1; sums[doc] = 0; touched[count++] = doc; }
          sums[doc]! += factor * (d + (tf * (k + 1)) / (tf + k * norm));
        }
      });
    });
    const docs = touched.slice(0, count);
    const scores = new Float64Array(count);
    for (let i = 0; i < count; i++) { const doc = docs[i]!; scores[i] = sums[doc]!; seen[doc] = 0; }
    return { docs, scores };
  };

  const contains = (stem: string, doc: number): boolean => {
    const t = vocab.get(stem);
    if (t === undefined) return false;
    return fields.some((field) => {
      // Postings are in document order: binary search.
      let lo = field.offsets[t]!;
      let hi = field.offsets[t + 1]! - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const at = field.docs[mid]!;
        if (at === doc) return true;
        if (at < doc) lo = mid + 1; else hi = mid - 1;
      }
      return false;
    });
  };

  const documentFrequency = (stem: string): number => {
    const t = vocab.get(stem);
    if (t === undefined) return 0;
    const docs = new Set<number>();
    for (const field of fields) for (let i = field.offsets[t]!; i < field.offsets[t + 1]!; i++) docs.add(field.docs[i]!);
    return docs.size;
  };

  const similarTerms = (stem: string, maxDistance: number): string[] => {
    const out: string[] = [];
    for (let len = stem.length - maxDistance; len <= stem.length + maxDistance; len++) {
      for (const t of byLength.get(len) ?? []) if (t !== stem && withinDistance(stem, t, maxDistance)) out.push(t);
    }
    return out;
  };

  return {
    size: n, ids, score, contains, documentFrequency, similarTerms,
    data: () => ({ format: COMPACT_INDEX_FORMAT, ids, terms, fields }),
  };
}

/** Levenshtein distance ≤ max, with an early exit once every path exceeds it. */
export function withinDistance(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return false;
    previous = current;
  }
  return previous[b.length]! <= max;
}
