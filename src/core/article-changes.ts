/**
 * Typo fix or news? Two versions of one article are compared sentence by sentence: a sentence
 * counts as unchanged when only its punctuation, case or a few misspelt words differ. Any new,
 * removed or reworded sentence (or a changed number) is a change of substance. Pure.
 */
import { fingerprintWords } from './near-duplicates.ts';
import { articleToPassages } from './passages.ts';
import { splitSentences } from './text.ts';
import type { Article } from './types.ts';

/** What is kept of an announced article to compare later versions with. */
export interface ArticleVersion {
  title: string;
  sentences: string[];
}

export interface ChangeOptions {
  /** Misspelt words one sentence may have corrected and still count as the same sentence. Default 2. */
  typoFixesPerSentence?: number;
  /** Character edits that make a word a misspelling of another (never for words with digits). Default 2. */
  charEditsPerWord?: number;
}

export const DEFAULT_CHANGE_OPTIONS: Required<ChangeOptions> = { typoFixesPerSentence: 2, charEditsPerWord: 2 };

export interface VersionChange {
  substantive: boolean;
  /** Sentences of the new version that the old one did not carry. */
  added: string[];
  /** How many sentences of the old version are gone (not counting reworded ones). */
  removed: number;
  /** Sentences of the old version that live on reworded as one of `added` (most of their words kept). */
  reworded: number;
  titleChanged: boolean;
}

export function articleVersion(article: Article): ArticleVersion {
  return { title: article.title, sentences: articleToPassages(article).flatMap((p) => splitSentences(p.text)) };
}

function charDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

function isMisspelling(a: string, b: string, maxEdits: number): boolean {
  if (/\d/.test(a) || /\d/.test(b)) return false;
  const allowed = Math.min(maxEdits, Math.floor(Math.max(a.length, b.length) / 3));
  return allowed > 0 && charDistance(a, b) <= allowed;
}

/** Same sentence up to punctuation, case, spacing and a few corrected misspellings. */
export function isSameSentence(a: string, b: string, options: ChangeOptions = {}): boolean {
  const { typoFixesPerSentence, charEditsPerWord } = { ...DEFAULT_CHANGE_OPTIONS, ...options };
  const wa = fingerprintWords(a);
  const wb = fingerprintWords(b);
  if (wa.join('') === wb.join('')) return true;
  if (wa.length !== wb.length) return false;
  let fixes = 0;
  for (const [i, word] of wa.entries()) {
    if (word === wb[i]) continue;
    if (++fixes > typoFixesPerSentence || !isMisspelling(word, wb[i]!, charEditsPerWord)) return false;
  }
  return true;
}

/** Sentences of `from` that `among` does not carry, exactly or up to a typo fix. */
function unmatched(from: readonly string[], among: readonly string[], options: ChangeOptions): string[] {
  const exact = new Set(among.map((s) => fingerprintWords(s).join(' ')));
  return from.filter((s) => !exact.has(fingerprintWords(s).join(' ')) && !among.some((o) => isSameSentence(s, o, options)));
}

/** Share of words two sentences have in common (of the longer one's distinct words) from which one is a rewording of the other. */
export const REWORDED_OVERLAP = 0.5;

function wordOverlap(a: string, b: string): number {
  const wa = new Set(fingerprintWords(a));
  const wb = new Set(fingerprintWords(b));
  let common = 0;
  for (const w of wa) if (wb.has(w)) common++;
  return common / Math.max(wa.size, wb.size, 1);
}

/** Gone sentences that pair, one to one, with an added sentence sharing most of their words. */
function countReworded(gone: readonly string[], added: readonly string[]): number {
  const free = [...added];
  let reworded = 0;
  for (const sentence of gone) {
    const i = free.findIndex((a) => wordOverlap(sentence, a) >= REWORDED_OVERLAP);
    if (i >= 0) {
      free.splice(i, 1);
      reworded++;
    }
  }
  return reworded;
}

export function compareVersions(before: ArticleVersion, after: ArticleVersion, options: ChangeOptions = {}): VersionChange {
  const added = unmatched(after.sentences, before.sentences, options);
  const gone = unmatched(before.sentences, after.sentences, options);
  const reworded = countReworded(gone, added);
  const titleChanged = !isSameSentence(before.title, after.title, options);
  return {
    substantive: added.length > 0 || gone.length > 0 || titleChanged,
    added,
    removed: gone.length - reworded,
    reworded,
    titleChanged,
  };
}
