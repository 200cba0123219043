/** An article as loaded from one corpus file. Optional metadata may be absent. */
export interface Article {
  /** Stable id: the corpus file name without its extension. */
  id: string;
  title: string;
  /** The outlet that published it. */
  source?: string;
  url?: string;
  /** ISO date or date-time, as written in the front matter. */
  published?: string;
  author?: string;
  /** Markdown body: paragraphs separated by blank lines, `## ` headings. */
  body: string;
}

/** A unit of text a reader takes in at a glance, cited back to its article. */
export interface Passage {
  /** `${articleId}#${position}`: stable across reloads of an unchanged file. */
  id: string;
  articleId: string;
  /** 0-based position of the passage within its article. */
  position: number;
  text: string;
  /** The section heading the passage sits under, if any. */
  heading?: string;
  /** Other articles that carry the same or a near-identical passage ("also reported by"). */
  alsoIn: string[];
}

/** What a question asks for; steers the choice of the answer sentence. */
export type QuestionKind = 'who' | 'when' | 'how-long' | 'why' | 'where' | 'how-many' | 'yes-no' | 'what' | 'other';

/** One ranked passage in an answer, with everything needed to cite it. */
export interface RankedPassage {
  passage: Passage;
  article: Article;
  score: number;
  /** Words of the passage that matched the question (surface forms, for highlighting). */
  matchedWords: string[];
  /** The other articles that carry this passage ("also reported by"), oldest first. */
  alsoReportedBy?: Article[];
  /** Whether the passage asserts the event the question is about or denies it (set on the answer and its disputes). */
  stance?: Stance;
}

export type Stance = 'asserts' | 'denies';

export interface AnswerSentence {
  text: string;
  passageId: string;
  /** Words of the sentence that matched the question (surface forms, for bolding). */
  matchedWords: string[];
}

export interface Answer {
  question: string;
  /** False when nothing in the corpus really answers: say so rather than show noise. */
  confident: boolean;
  kind: QuestionKind;
  sentence: AnswerSentence | null;
  results: RankedPassage[];
  /** Total passages that matched at all (for "more results"). */
  totalMatches: number;
  /** Set when the question itself could not be searched (empty, only stop words, …). */
  problem?: QuestionProblem;
  /** Query words that matched nothing in the corpus, after typo correction. */
  unknownTerms: string[];
  /** Typo corrections applied: original word → corpus word. */
  corrections: Record<string, string>;
  /**
   * Passages from other articles that contradict the top one (a denial of what it reports, or the
   * report it denies), newest first; empty when the sources agree.
   */
  disputed: RankedPassage[];
}

export type QuestionProblem = 'empty' | 'no-search-terms';
