/** What kind of answer a question wants, and how well a sentence offers that kind. */
import type { QuestionKind } from './types.ts';

const KIND_PATTERNS: [QuestionKind, RegExp][] = [
  ['how-long', /\bhow long\b|\bfor how many (days|weeks|months|years)\b|\buntil when\b|\bduration\b|\bhow much longer\b/],
  ['how-many', /\bhow (many|much)\b|\bwhat (number|percentage|amount)\b/],
  ['when', /\bwhen\b|\bwhat (year|date|day|month|time)\b|\bwhich (year|date|day|month)\b/],
  ['who', /\bwho(m|se)?\b|\bwhich (person|official|company|organi[sz]ation|group|country|team)\b/],
  ['why', /\bwhy\b|\bfor what reason\b|\bhow (did|does|do|was|is) .* justif|\bwhat (was|is) the (reason|rationale|purpose)\b|\bjustif/],
  ['where', /\bwhere\b|\bwhat (place|city|country)\b|\bin which (city|country|place)\b/],
  ['yes-no', /^(is|are|was|were|did|does|do|has|have|had|will|would|can|could|should)\b/],
  ['what', /\bwhat\b|\bwhich\b|\bhow\b/],
];

export function classifyQuestion(question: string): QuestionKind {
  const q = question.toLowerCase().trim();
  for (const [kind, pattern] of KIND_PATTERNS) if (pattern.test(q)) return kind;
  return 'other';
}

// Words that say what kind of answer is wanted rather than what it is about: "how *many*",
// "what *year*", "what is the *name* of", "what is it *called*". Passages answer with "three" or
// "1985", seldom with the word itself.
const ANSWER_TYPE_AFTER_WH =
  /\b(?:how|what|which)\s+(?:(?:is|was|are|were)\s+(?:the|a|an)\s+)?(many|much|long|old|far|year|years|type|types|kind|kinds|sort|name|names|term|word|number|percentage|percent|amount|date|day|month|century|decade|period|time)\b/g;
const ANSWER_TYPE_AT_END = /\b(called|named|termed)\s*\??\s*$/;

// Words about the sources or the state of the news rather than the story itself: "sources
// disagree", "what's the latest", "is it actually true". They steer the answer (both sides, the
// newest) instead of naming what it is about.
const ABOUT_THE_NEWS =
  /\b(sources?|disagree(?:s|ment)?|conflicting|contradict(?:s|ory|ion)?|disputed?|actually|really|latest|newest|updates?)\b/g;

/** Lower-cased words of a question about the sources or the state of the news ("sources disagree", "latest"). */
export function newsWords(question: string): Set<string> {
  return new Set([...question.toLowerCase().matchAll(ABOUT_THE_NEWS)].map((m) => m[1]!));
}

/** Lower-cased words of a question that only name the kind of answer it wants. */
export function answerTypeWords(question: string): Set<string> {
  const q = question.toLowerCase();
  const words = new Set<string>();
  for (const m of q.matchAll(ANSWER_TYPE_AFTER_WH)) if (m[1]) words.add(m[1]);
  const end = ANSWER_TYPE_AT_END.exec(q);
  if (end?.[1]) words.add(end[1]);
  return words;
}

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DATE_RE = new RegExp(
  `\\b(?:${MONTH}\\.? \\d{1,2}|\\d{1,2} ${MONTH}|${MONTH} \\d{4}|(?:1[5-9]|20)\\d{2}s?|(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|last (?:week|month|year)|\\d{4}-\\d{2}-\\d{2}|century|decade)\\b`,
  'i',
);
// A stated length ("one-day pause", "for two weeks", "indefinitely"), not a point in time ("two days after").
const DURATION_RE =
  /\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many)[\s-]+(?:more[\s-]+)?(?:second|minute|hour|day|week|month|year|decade)s?\b(?![\s-]+(?:after|before|later|earlier|ago|into|since)\b)|\b(?:indefinite(?:ly)?|foreseeable future|temporar(?:y|ily)|permanent(?:ly)?|until|lasted|duration|length)\b/i;
// "It is unclear how long it will last" answers a "how long" question only until someone knows.
const HEDGE_RE = /\b(?:unclear|uncertain|unknown|not known|not clear|remains to be seen|undisclosed)\b/i;
const REASON_RE =
  /\b(?:because|since|due to|as part of|part of (?:a|an|the) (?:\w+ )?(?:effort|push|bid|plan|strategy|attempt)|in order to|aim(?:s|ed|ing)? (?:to|at)|so that|so as to|in a bid to|(?:an |in an )?(?:effort|attempt) to|(?:meant|designed|intended) to|to (?:push|initiate|align|bring|help|avoid|allow|ensure|ease|pressure|draw|encourage|win|secure|protect|prevent|persuade)|justif\w*|reason|rationale|strategy|intended|purpose|motive|motivat\w+)\b/i;
const QUANTITY_RE = /\b\d[\d,.]*\b|\b(?:billion|million|thousand|hundred|dozens?|percent)\b/i;
const PLACE_RE = /\b(?:in|at|near|from) (?:the )?[A-Z][a-z]+/;
// A capitalised name not at the start of the sentence, or an organisation word.
const NAME_RE = /\S\s+[A-Z][a-z]+(?:\s+[A-Z][a-z.]+)+/;
// "issued by Defense Secretary Pete Hegseth", "a directive from …": the agent of the action.
const AGENT_RE = /\b(?:by|from)\s+(?:[A-Z][\w.]*\s+){0,4}[A-Z][a-z]+/;
const ROLE_RE =
  /\b(?:secretary|president|minister|senator|adviser|advisor|official|department|agency|administration|pentagon|government|leader|director|company|organi[sz]ation)\b/i;

/** Whether the sentence says the answer is not known ("it is unclear how long …"). */
export function isHedge(sentence: string): boolean {
  return HEDGE_RE.test(sentence);
}

/** Whether {@link kindEvidence} can be above 0 for this kind ("what" and yes/no questions want no one kind of answer). */
export function kindHasEvidence(kind: QuestionKind): boolean {
  return kind !== 'what' && kind !== 'other' && kind !== 'yes-no';
}

/** From 0 to 1: how clearly the sentence has what the question kind asks for (a date for "when", …). */
export function kindEvidence(kind: QuestionKind, sentence: string): number {
  switch (kind) {
    case 'when':
      return DATE_RE.test(sentence) ? 1 : 0;
    case 'how-long':
      return DURATION_RE.test(sentence) ? 1 : HEDGE_RE.test(sentence) ? 0.4 : 0;
    case 'why':
      return REASON_RE.test(sentence) ? 1 : 0;
    case 'how-many':
      return QUANTITY_RE.test(sentence) ? 1 : 0;
    case 'where':
      return PLACE_RE.test(sentence) ? 1 : 0;
    case 'who':
      return AGENT_RE.test(sentence) ? 1 : NAME_RE.test(sentence) ? 0.5 : ROLE_RE.test(sentence) ? 0.3 : 0;
    default:
      return 0;
  }
}
