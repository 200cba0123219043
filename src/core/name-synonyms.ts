/**
 * Synonyms apply to words, not to names. A story's synonym file may list "command" beside
 * "order", while the corpus writes "Cyber Command" a hundred times: there, "command" is part of
 * a name and expanding "ordered" to it matches every passage that mentions the command.
 */
import type { Article } from './types.ts';

export interface NameSynonymOptions {
  /** Share of a word's uses, capitalised in mid-sentence, from which it counts as a name. Default 0.6. */
  nameShare?: number;
  /** Fewer uses than this say nothing either way. Default 5. */
  minUses?: number;
}

export const DEFAULT_NAME_SYNONYM_OPTIONS: Required<NameSynonymOptions> = { nameShare: 0.6, minUses: 5 };

const SAMPLE_CHARS = 2_000_000;
const PER_ARTICLE_CHARS = 20_000;

const escapeRegExp = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The synonym groups without the entries the corpus mostly uses as (part of) a name; groups left with one entry go. */
export function dropNameSynonyms(
  groups: readonly (readonly string[])[],
  articles: readonly Article[],
  options: NameSynonymOptions = {},
): string[][] {
  const { nameShare, minUses } = { ...DEFAULT_NAME_SYNONYM_OPTIONS, ...options };
  const words = [
    ...new Set(
      groups
        .flat()
        .filter((w) => /^[\p{L}-]+$/u.test(w))
        .map((w) => w.toLowerCase()),
    ),
  ];
  if (words.length === 0) return groups.map((g) => [...g]);
  const uses = new Map<string, { all: number; name: number }>(words.map((w) => [w, { all: 0, name: 0 }]));
  // One scan of the corpus for all synonym words; a capital after a sentence end is not a name.
  const re = new RegExp(`(^|[.!?:"]\\s+|\\s|[(\\[])(${words.map(escapeRegExp).join('|')})\\b`, 'giu');
  // A sample is enough to tell a name from a word, and this runs when an engine is made (on the
  // event loop after a reload): at most about SAMPLE_CHARS of text, spread over the corpus.
  const total = articles.reduce((n, a) => n + Math.min(a.body.length, PER_ARTICLE_CHARS), 0);
  const stride = Math.max(1, Math.ceil(total / SAMPLE_CHARS));
  for (let i = 0; i < articles.length; i += stride) {
    for (const m of articles[i]!.body.slice(0, PER_ARTICLE_CHARS).matchAll(re)) {
      const use = uses.get(m[2]!.toLowerCase());
      if (!use) continue;
      use.all++;
      const sentenceStart = m[1] === '' || /[.!?:"]/.test(m[1]!);
      if (!sentenceStart && /^\p{Lu}/u.test(m[2]!)) use.name++;
    }
  }
  const isName = (w: string) => {
    const u = uses.get(w.toLowerCase());
    return !!u && u.all >= minUses && u.name / u.all >= nameShare;
  };
  return groups.map((g) => g.filter((w) => !isName(w))).filter((g) => g.length >= 2);
}
