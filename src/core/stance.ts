/**
 * Whether a passage asserts the event a question is about or denies it. A story corpus holds the
 * report, the denial ("has neither canceled nor delayed …", "the Pentagon denied …") and later
 * confirmations; an answer that mixes them up misleads, so each side is labelled.
 */
import { surfaceWords } from './text.ts';

import type { Stance } from './types.ts';

export type { Stance } from './types.ts';

// Verbs and phrases that deny a report, whatever the story.
const DENIAL_RE =
  /\b(?:den(?:y|ies|ied|ying|ial|ials)|refut(?:e|es|ed|ing)|reject(?:s|ed|ing)? (?:the |these |those |media |news )?(?:reports?|claims?|accounts?)|dismiss(?:es|ed|ing)? (?:the |these |those |media |news )?(?:reports?|claims?)|(?:is|was|are|were) (?:not true|false|untrue|fake|inaccurate|wrong)|outright lie|fake news|no truth|contrary to (?:the |media )?reports?|(?:never|not) (?:happened|occurred|took place))\b/i;
const NEGATION = new Set(['not', 'never', 'no', 'neither', 'nor', "n't", 'none', 'nothing', 'without']);
const NEGATION_REACH = 4;
const ANY_NEGATION_RE = /\b(?:not|never|no|neither|nor|none|nothing|without)\b|n't\b/i;

/**
 * `denies` when the text uses a denial verb, or negates one of the question's event words
 * (`stems`: "operations have *not* been *stopped*", "*no* stand-down *order*") within a few words.
 */
export function stanceOf(text: string, stemsOf: (word: string) => readonly string[], eventStems: ReadonlySet<string>): Stance {
  if (DENIAL_RE.test(text)) return 'denies';
  if (!ANY_NEGATION_RE.test(text)) return 'asserts';
  const words = surfaceWords(text.replace(/n't\b/gi, " n't")).map((w) => w.toLowerCase());
  let lastNegation = -Infinity;
  for (const [i, w] of words.entries()) {
    if (NEGATION.has(w) || w === "n't") {
      lastNegation = i;
      continue;
    }
    if (i - lastNegation <= NEGATION_REACH && stemsOf(w).some((s) => eventStems.has(s))) return 'denies';
  }
  return 'asserts';
}

const ASKS_ABOUT_DENIAL =
  /\b(?:den(?:y|ies|ied|ial)|refut\w*|reject\w*|dismiss\w*|true|false|lie|lying|actually|really|disput\w*|contradict\w*|disagree\w*|confirm\w*|or not)\b/i;

/** Questions about whether it happened, or about the denial itself, want both sides first-hand. */
export function asksAboutDenial(question: string): boolean {
  return ASKS_ABOUT_DENIAL.test(question);
}
