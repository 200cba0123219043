/**
 * Makes the briefing for a place (a channel id, or `terminal`): the standing questions beside the
 * corpus, the last briefing there (for "new since"), the engine as it is now. The edges (Slack,
 * scheduler, CLI) call this; core/briefing.ts does the work.
 */
import { buildBriefing, type Briefing } from '../core/briefing.ts';
import type { TimelineOptions } from '../core/timeline-events.ts';
import type { Engine } from '../core/engine.ts';
import { loadStandingQuestions, StandingQuestionsError } from '../corpus/load-standing-questions.ts';
import type { Logger } from '../logger.ts';
import type { BriefingHistory } from '../state/briefing-history.ts';

export interface MakeBriefingArgs {
  engine: Engine;
  corpusDir: string;
  /** Past briefings per place. */
  history: BriefingHistory;
  /** Where the briefing is shown: its watermark is read from there. */
  place: string;
  now: () => Date;
  logger: Logger;
  /** Standing-questions file; default `<corpusDir>/standing-questions.json`. */
  questionsFile?: string;
  /** Throw on a malformed standing-questions file instead of showing the problem in the briefing. */
  strict?: boolean;
  /** How the timeline is cut (`{ maxEvents: Infinity }` for all of it). Default 12 events. */
  timeline?: TimelineOptions;
}

export async function makeBriefing(args: MakeBriefingArgs): Promise<Briefing> {
  let questionsProblem: string | undefined;
  let loaded: Awaited<ReturnType<typeof loadStandingQuestions>> = { questions: [] };
  try {
    loaded = await loadStandingQuestions(args.corpusDir, args.questionsFile);
  } catch (err) {
    if (args.strict || !(err instanceof StandingQuestionsError)) throw err;
    // The briefing may be posted in a channel: it says what is wrong in words; the path and schema detail go to the log.
    questionsProblem = err.userMessage;
    args.logger.error({ err: err.message }, 'standing questions unreadable; briefing shows the problem instead of key points');
  }
  const previous = await lastBriefing(args.history, args.place);
  return buildBriefing({
    engine: args.engine,
    questions: loaded.questions,
    ...(loaded.story ? { story: loaded.story } : {}),
    asOf: args.now(),
    ...(previous ? { previous } : {}),
    ...(questionsProblem ? { questionsProblem } : {}),
    ...(args.timeline ? { timeline: args.timeline } : {}),
  });
}

/** The newest briefing recorded for a place. */
export async function lastBriefing(history: BriefingHistory, place: string): Promise<Briefing | undefined> {
  const briefings = await history.read(place);
  return briefings[briefings.length - 1];
}
