/** What the Slack listeners are given: the corpus as it is now, the logger, the state stores. */
import type { SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { OpenedCorpus } from '../corpus/open-corpus.ts';
import type { Logger } from '../logger.ts';
import type { BriefState } from '../state/open-state.ts';
import type { InFlight } from './in-flight.ts';
import type { Respond } from './post/respond.ts';

/** The current corpus, or undefined while it is still being indexed at start-up. */
export type CorpusSource = () => OpenedCorpus | undefined;

export interface ListenerDeps {
  getCorpus: CorpusSource;
  logger: Logger;
  /** Feedback, briefing history and the other stores (state/open-state.ts). */
  state: Pick<BriefState, 'feedback' | 'briefings' | 'slots' | 'events' | 'health'>;
  inFlight: InFlight;
  now?: () => Date;
}

/** A `/brief <name> …` subcommand that another feature (briefings, watches) plugs in. */
export interface Subcommand {
  name: string;
  /** Shown in help, e.g. `watch <question>`. */
  usage: string;
  description: string;
  run(args: { text: string; command: SlashCommand; respond: Respond; client: WebClient; logger: Logger }): Promise<void>;
}
