/**
 * The text pipeline: normalise → words → stop words out → Porter2 stems, plus synonym groups.
 * Indexing and querying go through the same functions so their terms always meet.
 */
import { eng as STOPWORD_LIST } from 'stopword';
import stemWord from 'wink-porter2-stemmer';
import { normalizeText } from './text.ts';

// The `stopword` package's English list (108 words) misses some words that carry no meaning in a
// question; these are added to it.
const EXTRA_STOP_WORDS = [
  'when',
  'why',
  'whom',
  'whose',
  'does',
  'doing',
  'done',
  'its',
  'will',
  'shall',
  'may',
  'not',
  'no',
  'nor',
  'so',
  'just',
  'own',
  'yet',
  'tell',
  'know',
  'about',
  'upon',
  'us',
  's',
  't',
];
const NOT_STOP_WORDS = new Set(['before', 'after', 'between', 'under', 'over', 'never', 'long', 'many', 'much', 'against']);

/** English stop words used by default. */
export const DEFAULT_STOP_WORDS: ReadonlySet<string> = new Set(
  [...STOPWORD_LIST, ...EXTRA_STOP_WORDS].filter((w) => !NOT_STOP_WORDS.has(w)),
);

const WORD_RE = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu;
// Three or more capitalised words in a row, small joining words allowed inside ("Department of
// Homeland Security", "Cybersecurity and Infrastructure Security Agency").
const NAME_RUN_RE = /\b\p{Lu}\p{Ll}+(?:\s+(?:(?:of|and|for|on|the)\s+)?\p{Lu}\p{Ll}+){2,}/gu;
const LEADING_FILLER = new Set(['The', 'A', 'An', 'In', 'On', 'At', 'For', 'But', 'And', 'As', 'If', 'When', 'While', 'After', 'Before']);

/**
 * The initials of every run of capitalised words: "National Security Agency" is also "nsa", so a
 * question that says "NSA" finds the passage that spells it out, and the other way round.
 */
export function acronymsOf(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(NAME_RUN_RE)) {
    const words = match[0].split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
    while (words.length && LEADING_FILLER.has(words[0]!)) words.shift();
    if (words.length >= 3 && words.length <= 6)
      out.push(
        words
          .map((w) => w[0])
          .join('')
          .toLowerCase(),
      );
  }
  return out;
}
const MAX_MEMO = 200_000;

export interface AnalyzerOptions {
  /** Words dropped before stemming. Default: {@link DEFAULT_STOP_WORDS}. */
  stopWords?: ReadonlySet<string>;
  /** Groups of interchangeable words or hyphenated compounds, e.g. `["pause", "halt", "stand-down"]`. Default: none. */
  synonyms?: readonly (readonly string[])[];
}

export interface Analyzer {
  /** Lower-cased content words of a text, stop words removed, hyphenated compounds also joined. */
  words(text: string): string[];
  /** The stem of one word (memoised: the same words recur across a corpus). */
  stem(word: string): string;
  /** Stems of a text, in order, repeats kept. */
  terms(text: string): string[];
  /** Stems of one word as written (a hyphenated compound gives several); memoised, for highlighting. */
  wordStems(word: string): readonly string[];
  /** Other stems that mean the same as `stem` (empty when it has no synonyms). */
  synonymsOf(stem: string): readonly string[];
  readonly stopWords: ReadonlySet<string>;
}

export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const stopWords = options.stopWords ?? DEFAULT_STOP_WORDS;
  const memo = new Map<string, string>();

  const stem = (word: string): string => {
    let s = memo.get(word);
    if (s === undefined) {
      s = /^\p{N}+$/u.test(word) ? word : stemWord(word);
      if (memo.size >= MAX_MEMO) memo.clear();
      memo.set(word, s);
    }
    return s;
  };

  const words = (text: string): string[] => {
    const out: string[] = [];
    const normal = normalizeText(text);
    const lower = normal.toLowerCase();
    for (const match of lower.matchAll(WORD_RE)) {
      const word = match[0].replace(/'s$/, '').replace(/'/g, '');
      if (word.includes('-')) {
        // "stand-down" is searchable as "standdown" and as its parts.
        const parts = word.split('-').filter((p) => p.length > 1 && !stopWords.has(p));
        out.push(...parts);
        out.push(word.replace(/-/g, ''));
      } else if ((word.length > 1 || /\p{N}/u.test(word)) && !stopWords.has(word)) {
        out.push(word);
      }
    }
    for (const acronym of acronymsOf(normal)) if (!stopWords.has(acronym)) out.push(acronym);
    return out;
  };

  const terms = (text: string): string[] => words(text).map(stem);

  const wordMemo = new Map<string, readonly string[]>();
  const wordStems = (word: string): readonly string[] => {
    let stems = wordMemo.get(word);
    if (stems === undefined) {
      stems = terms(word);
      if (wordMemo.size >= MAX_MEMO) wordMemo.clear();
      wordMemo.set(word, stems);
    }
    return stems;
  };

  const synonymIndex = new Map<string, string[]>();
  for (const group of options.synonyms ?? []) {
    const stems = [
      ...new Set(
        group.flatMap((entry) => {
          const joined = normalizeText(entry)
            .toLowerCase()
            .replace(/[\s-]+/g, '');
          return joined ? [stem(joined)] : [];
        }),
      ),
    ];
    for (const s of stems) {
      const others = stems.filter((o) => o !== s);
      synonymIndex.set(s, [...new Set([...(synonymIndex.get(s) ?? []), ...others])]);
    }
  }

  return { words, stem, terms, wordStems, synonymsOf: (s) => synonymIndex.get(s) ?? [], stopWords };
}
