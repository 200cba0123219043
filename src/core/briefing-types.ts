/** The Briefing as data: what renderers draw and what STATE_DIR keeps. Plain JSON, no class instances. */

/** Where a line comes from: enough to cite it without the corpus at hand (past briefings are re-shown). */
export interface Citation {
  articleId: string;
  /** The passage the line was read from, when it is a sentence of the text. */
  passageId?: string;
  title: string;
  source?: string;
  url?: string;
  /** The article's `published` value, as in its front matter. */
  published?: string;
}

/** A question the desk wants answered in every briefing, kept as data beside the corpus. */
export interface StandingQuestion {
  /** Stable id, used to tell whether the answer changed since the last briefing. */
  id: string;
  /** Short label shown in the briefing ("Who ordered the pause"). */
  label: string;
  /** The question put to the engine. */
  ask: string;
}

export interface TimelineEntry {
  kind: 'article' | 'event';
  /** YYYY-MM-DD, absent when the date is unknown. */
  date?: string;
  /**
   * How the date was found: `published` (the article's front matter), `text` (a date written in the
   * sentence), `relative` (a weekday or "yesterday" counted back from the publication date).
   */
  dateFrom?: 'published' | 'text' | 'relative';
  /** For events: the date words as written ("Friday"). */
  dateWords?: string;
  /** The headline (articles) or the sentence (events). */
  text: string;
  citation: Citation;
  /**
   * Every article that reports the event, earliest first (undated last): one entry for the same
   * event however many outlets carry it. Absent in briefings made before events were merged.
   */
  sources?: Citation[];
  /** The story's first report: the event the earliest on-story article reported. */
  first?: boolean;
}

/** One side of a disputed claim, as a source states it. */
export interface ClaimSide {
  /** The sentence, as written. */
  text: string;
  citation: Citation;
  /** `asserts`: reports it happened; `denies`: says it did not. */
  stance: 'asserts' | 'denies';
}

/** A claim that sources contradict: the report, what denies it, and which came later. */
export interface DisputedClaim {
  claim: ClaimSide;
  against: ClaimSide[];
  /** Later reports taking the claim's side after it was denied (a confirmation). */
  confirmedBy?: ClaimSide[];
  /**
   * Which side spoke last: `claim` (a confirmation, or the report, came after the denial),
   * `against` (the denial is the latest word), `unknown` (dates missing).
   */
  later: 'claim' | 'against' | 'unknown';
}

export interface KeyPoint {
  id: string;
  label: string;
  question: string;
  /** The answer sentence, as written in the article. */
  answer: string;
  /** Words of the answer that matched the question, for bolding. */
  matchedWords: string[];
  citation: Citation;
  /** Other articles whose sentences state the same answer, earliest first. */
  alsoReportedBy?: Citation[];
  /** Passages of other sources that contradict the answer (a denial of what it reports, or the report it denies). */
  disputed?: ClaimSide[];
}

export interface OpenQuestion {
  id: string;
  label: string;
  question: string;
}

export interface KeyPointChange {
  id: string;
  label: string;
  /** The answer in the last briefing, null when it was open. */
  was: string | null;
  /** The answer now, null when it is now open. */
  now: string | null;
}

export interface WhatsNew {
  /** As-of time of the last briefing compared with; absent for the first briefing. */
  since?: string;
  /** Articles the last briefing did not rest on, oldest first. */
  articles: Citation[];
  /** Standing questions whose answer changed (newly answered, changed, or no longer answered). */
  keyPoints: KeyPointChange[];
}

export interface Briefing {
  version: 1;
  story: string;
  /** ISO date-time the briefing was made. */
  asOf: string;
  /** Ids of the articles it rests on: the watermark the next briefing compares with. */
  articleIds: string[];
  /** Named outlets, sorted; articles without one are counted in `outletUnknown`. */
  outlets: string[];
  outletUnknown: number;
  whatsNew: WhatsNew;
  keyPoints: KeyPoint[];
  openQuestions: OpenQuestion[];
  timeline: TimelineEntry[];
  /** How many events the story's timeline holds before it is cut to the most reported (absent: all shown). */
  timelineTotal?: number;
  /** Claims that sources contradict, both sides cited. Absent in older briefings. */
  disputed?: DisputedClaim[];
  /** Set when the standing questions could not be read: shown instead of key points. */
  questionsProblem?: string;
}
