/**
 * Near-duplicate detection over word 3-shingles with MinHash buckets, so a corpus of 100k passages
 * compares only the pairs that share a bucket instead of every pair. Written by hand: the npm
 * MinHash/LSH packages are unmaintained or pull in heavy dependencies for these few lines.
 */

const SEEDS = [0x9e3779b1, 0x85ebca6b, 0xc2b2ae35, 0x27d4eb2f];
const SHINGLE = 3;

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
  return text.toLowerCase().normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Sorted, distinct hashes of the word 3-shingles: compact enough for 100k passages. */
function shingleHashes(words: string[]): Uint32Array {
  const hashes = new Set<number>();
  if (words.length < SHINGLE) { if (words.length) hashes.add(fnv1a(words.join(' '), 0)); }
  for (let i = 0; i + SHINGLE <= words.length; i++) hashes.add(fnv1a(words.slice(i, i + SHINGLE).join(' '), 0));
  return Uint32Array.from(hashes).sort();
}

function jaccard(a: Uint32Array, b: Uint32Array): number {
  let inter = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) { inter++; i++; j++; } else if (a[i]! < b[j]!) i++; else j++;
  }
  return inter / (a.length + b.length - inter || 1);
}

/** Re-hashes a shingle hash under another seed (a cheap, well-mixed integer hash). */
function mix(h: number, seed: number): number {
  let x = Math.imul(h ^ seed, 0x5bd1e995);
  x ^= x >>> 15;
  return Math.imul(x, 0x27d4eb2d) >>> 0;
}

/**
 * For each text, the index of an earlier text it duplicates (exactly, or with shingle Jaccard ≥
 * `threshold`), or undefined when it is the first of its kind. Chains resolve to the first one.
 */
export function findNearDuplicates(texts: readonly string[], threshold: number): (number | undefined)[] {
  const result: (number | undefined)[] = new Array(texts.length).fill(undefined);
  const exact = new Map<string, number>();
  const buckets = new Map<string, number[]>();
  const shingleSets = new Map<number, Uint32Array>();
  for (const [i, text] of texts.entries()) {
    const words = fingerprintWords(text);
    const key = words.join(' ');
    const set = shingleHashes(words);
    const same = exact.get(key);
    if (same !== undefined) { result[i] = same; continue; }
    exact.set(key, i);
    if (set.length === 0) continue;
    const bucketKeys = SEEDS.map((seed, s) => {
      let min = Infinity;
      for (const h of set) min = Math.min(min, mix(h, seed));
      return `${s}:${min}`;
    });
    let match: number | undefined;
    for (const bk of bucketKeys) {
      for (const j of buckets.get(bk) ?? []) {
        const other = shingleSets.get(j);
        if (other && jaccard(set, other) >= threshold) { match = j; break; }
      }
      if (match !== undefined) break;
    }
    if (match !== undefined) { result[i] = result[match] ?? match; continue; }
    shingleSets.set(i, set);
    for (const bk of bucketKeys) {
      const list = buckets.get(bk);
      if (list) list.push(i); else buckets.set(bk, [i]);
    }
  }
  return result;
}
