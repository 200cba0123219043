/**
 * Near-duplicate detection over word 3-shingles with MinHash buckets, so a corpus of 100k passages
 * compares only the pairs that share a bucket instead of every pair. Written by hand: the npm
 * MinHash/LSH packages are unmaintained or pull in heavy dependencies for these few lines.
 */

const SEEDS = [0x9e3779b1, 0x85ebca6b, 0xc2b2ae35, 0x27d4eb2f];
const SHINGLE = 3;
/**
 * MinHash LSH: a passage lands in BANDS buckets, each keyed by ROWS min-hashes together. With one
 * min-hash per bucket, buckets of common shingles ("said it was") grow with the corpus and the
 * comparisons with its square; two per bucket keep them small. A pair at Jaccard 0.6 (a wire copy
 * with light edits) still shares a bucket with probability 1 − (1 − 0.6²)⁹ ≈ 0.98.
 */
const BANDS = 9;
const ROWS = 2;

function fnv1a(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Lower-cased words without punctuation: what two copies of a passage share despite edits. */
export function fingerprintWords(text: string): string[] {
  return (
    text
      .toLowerCase()
      .normalize('NFKC')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * Sorted, distinct hashes of the word 3-shingles: compact enough for 100k passages. Each word is
 * hashed once and a shingle's hash mixes its three word hashes, so no shingle string is built.
 */
function shingleHashes(words: string[]): Uint32Array {
  if (words.length < SHINGLE) return words.length ? Uint32Array.of(fnv1a(words.join(' '), 0)) : new Uint32Array(0);
  const wordHashes = words.map((w) => fnv1a(w, 0));
  const hashes = new Uint32Array(words.length - SHINGLE + 1);
  for (let i = 0; i < hashes.length; i++) {
    hashes[i] = mix(mix(mix(wordHashes[i]!, SEEDS[0]!) ^ wordHashes[i + 1]!, SEEDS[1]!) ^ wordHashes[i + 2]!, SEEDS[2]!);
  }
  hashes.sort();
  let n = 0;
  for (let i = 0; i < hashes.length; i++) if (i === 0 || hashes[i] !== hashes[i - 1]) hashes[n++] = hashes[i]!;
  return hashes.subarray(0, n);
}

function jaccard(a: Uint32Array, b: Uint32Array): number {
  let inter = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      inter++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return inter / (a.length + b.length - inter || 1);
}

/** Re-hashes a shingle hash under another seed (a cheap, well-mixed integer hash). */
function mix(h: number, seed: number): number {
  let x = Math.imul(h ^ seed, 0x5bd1e995);
  x ^= x >>> 15;
  return Math.imul(x, 0x27d4eb2d) >>> 0;
}

/** The minimum of the set re-hashed under `seed`. */
function minHash(set: Uint32Array, seed: number): number {
  let min = 0xffffffff;
  for (let k = 0; k < set.length; k++) {
    const h = mix(set[k]!, seed);
    if (h < min) min = h;
  }
  return min;
}

/** Band `b`'s bucket key: its ROWS min-hashes packed into one safe integer (a collision only adds a candidate). */
function bandKey(set: Uint32Array, b: number): number {
  let key = 0;
  for (let r = 0; r < ROWS; r++) key = key * 0x100000 + (minHash(set, mix(b * ROWS + r + 1, SEEDS[r % SEEDS.length]!)) >>> 12);
  return key;
}

/** Texts added one by one, each checked against those before it: {@link findNearDuplicates} kept open for more. */
export interface NearDuplicateIndex {
  /** The index of an earlier text that `text` duplicates, as findNearDuplicates would give it, or undefined. Adds nothing. */
  find(text: string): number | undefined;
  /** Adds `text` as the next text (index `size`); returns what {@link find} gave for it. */
  add(text: string): number | undefined;
  /** Texts added so far. */
  readonly size: number;
}

/**
 * An empty index; `threshold` and `minLengthRatio` as {@link findNearDuplicates} takes them. A text
 * costs its own shingling once, whatever the number already added: no text is shingled again.
 */
export function createNearDuplicateIndex(threshold: number, minLengthRatio = 0.8): NearDuplicateIndex {
  // A short quote inside a longer passage shares all its shingles, yet the longer one says more:
  // only texts of about the same length are copies of each other.
  const ratio = Math.max(threshold, minLengthRatio);
  const result: (number | undefined)[] = [];
  const exact = new Map<string, number>();
  // One bucket table per seed, keyed by the minimum re-hashed shingle (a number, not a string).
  const buckets = Array.from({ length: BANDS }, () => new Map<number, number[]>());
  const shingleSets: (Uint32Array | undefined)[] = [];

  /** What `text` duplicates; for a text of a new kind, also its shingles and band keys, which adding it needs. */
  const check = (text: string): { key: string; duplicateOf?: number; exactCopy?: true; set?: Uint32Array; bandKeys?: number[] } => {
    const words = fingerprintWords(text);
    const key = words.join(' ');
    const same = exact.get(key);
    if (same !== undefined) return { key, duplicateOf: same, exactCopy: true };
    const set = shingleHashes(words);
    if (set.length === 0) return { key };
    const bandKeys = Array.from({ length: BANDS }, (_, b) => bandKey(set, b));
    for (let b = 0; b < BANDS; b++) {
      for (const j of buckets[b]!.get(bandKeys[b]!) ?? []) {
        const other = shingleSets[j]!;
        // Jaccard can never reach the threshold when one set is much smaller than the other.
        if (Math.min(set.length, other.length) < ratio * Math.max(set.length, other.length)) continue;
        if (jaccard(set, other) >= threshold) return { key, duplicateOf: result[j] ?? j };
      }
    }
    return { key, set, bandKeys };
  };

  return {
    find: (text) => check(text).duplicateOf,
    add(text) {
      const i = result.length;
      const { key, duplicateOf, exactCopy, set, bandKeys } = check(text);
      result.push(duplicateOf);
      shingleSets.push(set);
      if (!exactCopy) exact.set(key, i);
      if (set && bandKeys) {
        for (let b = 0; b < BANDS; b++) {
          const table = buckets[b]!;
          const list = table.get(bandKeys[b]!);
          if (list) list.push(i);
          else table.set(bandKeys[b]!, [i]);
        }
      }
      return duplicateOf;
    },
    get size() {
      return result.length;
    },
  };
}

/**
 * For each text, the index of an earlier text it duplicates (exactly, or with shingle Jaccard ≥
 * `threshold` and a shingle count within `minLengthRatio` of the other's), or undefined when it is
 * the first of its kind. Chains resolve to the first one.
 */
export function findNearDuplicates(texts: readonly string[], threshold: number, minLengthRatio = 0.8): (number | undefined)[] {
  const index = createNearDuplicateIndex(threshold, minLengthRatio);
  return texts.map((text) => index.add(text));
}
