/**
 * How people ask about news in their own words, and the words articles use for the same thing.
 * "Who broke the story?" is answered by "first reported by The Record", never by a passage where
 * someone "broke with the president". These are the newsroom's general idioms, not any story's
 * vocabulary (that lives in the corpus's synonyms.json): each adds the words reports use, and the
 * idiom's own words then count as words about the news (see `newsWords`).
 */

interface Idiom {
  pattern: RegExp;
  /** The words reports use for it. */
  adds: string;
  /** The idiom's own words, which say how the question is asked rather than what it is about. */
  own: RegExp;
}

const IDIOMS: readonly Idiom[] = [
  {
    pattern: /\b(?:br(?:oke|eak|eaks|eaking)|had|got) (?:the |this |that )?(?:story|news|scoop)\b|\bscoop(?:ed)?\b/i,
    adds: 'first reported revealed',
    own: /^(?:broke|break|breaks|breaking|had|got|story|news|scoop|scooped)$/,
  },
  { pattern: /\b(?:reported|covered|had) (?:it|this|that) first\b|\bfirst to report\b/i, adds: 'first reported', own: /^(?:covered|had)$/ },
  {
    pattern: /\bwalk(?:ed|s|ing)? (?:(?:it|that|this|them) )?back\b|\bbacktrack\w*|\bu-turn\b|\bbacked down\b/i,
    adds: 'denied retracted reversed',
    own: /^(?:walk|walked|walks|walking|back|backtrack\w*|u-turn|backed|down)$/,
  },
  {
    pattern: /\bwho (?:runs|ran|heads|headed|leads|led|is in charge of|was in charge of|is running|commands|oversees)\b|\bin charge of\b/i,
    adds: 'chief head leader director commander',
    own: /^(?:runs|ran|running|heads|headed|leads|led|charge|commands|oversees)$/,
  },
  { pattern: /\bon the record\b|\bpublicly\b/i, adds: 'public publicly hearing', own: /^(?:record)$/ },
  {
    pattern: /\b(?:react(?:ed|s|ion)?|respond(?:ed|s)?|response) (?:to|from)\b|\bhow did .* (?:react|respond)\b/i,
    adds: 'said responded reaction statement',
    own: /^(?:react|reacted|reacts|reaction|respond|responded|responds|response)$/,
  },
  {
    pattern: /\b(?:sign(?:ed)? off on|green-?light(?:ed)?|gave the go-ahead)\b/i,
    adds: 'approved authorized ordered',
    own: /^(?:sign|signed|off|greenlight\w*|green-light\w*|go-ahead)$/,
  },
  { pattern: /\bpush(?:ed)? back\b/i, adds: 'criticized opposed rejected', own: /^(?:push|pushed|back)$/ },
  { pattern: /\bwho (?:is|was) behind\b/i, adds: 'ordered directed responsible', own: /^(?:behind)$/ },
];

/** The idioms' words as articles write them, to search beside the question's own words. */
export function idiomWords(question: string): string {
  return IDIOMS.filter((i) => i.pattern.test(question))
    .map((i) => i.adds)
    .join(' ');
}

/** The question's words that belong to a matched idiom ("broke", "story"): they say how it is asked, not what about. */
export function idiomPhraseWords(question: string): Set<string> {
  const words = new Set<string>();
  for (const { pattern, own } of IDIOMS) {
    const m = pattern.exec(question);
    if (m) for (const w of m[0].toLowerCase().match(/[\p{L}-]+/gu) ?? []) if (own.test(w)) words.add(w);
  }
  return words;
}
