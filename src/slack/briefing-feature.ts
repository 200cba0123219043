/**
 * Briefings in Slack, composed: the `/brief briefing` subcommand, its Share button, and (when
 * BRIEFING_CRON is set) the scheduler posting to BRIEFING_CHANNEL through a client that never
 * retries a post by itself. start-brief.ts plugs this in with a few lines.
 */
import type { App } from '@slack/bolt';
import type { Config } from '../config.ts';
import { makeBriefing } from '../briefing/make-briefing.ts';
import { loadStandingQuestions } from '../corpus/load-standing-questions.ts';
import type { Logger } from '../logger.ts';
import { formatAsOf } from '../render/briefing-text.ts';
import { BRIEFING_MESSAGES } from '../render/messages.ts';
import {
  createBriefingScheduler,
  SYSTEM_TIMERS,
  type BriefingScheduler,
  type PostOutcome,
  type Timers,
} from '../schedule/briefing-scheduler.ts';
import { createCronSchedule } from '../schedule/cron-schedule.ts';
import { BRIEFING_ACTIONS, briefingToMessages } from './blocks/briefing-blocks.ts';
import type { ListenerDeps, Subcommand } from './deps.ts';
import { createBriefingShareAction, createBriefingSubcommand, type BriefingListenerDeps } from './listeners/briefing-subcommand.ts';
import { postBriefingMessages, type PostingClient } from './post-briefing.ts';
import { createWebClient } from './post/web-client.ts';

export interface BriefingFeatureDeps extends ListenerDeps {
  config: Pick<Config, 'slack' | 'corpusDir' | 'briefing'>;
  /** Timers for the schedule (tests inject fake ones). Default the system's. */
  timers?: Timers;
  /** Client for scheduled posts. Default: post/web-client.ts's (no automatic retries, a timeout). */
  postingClient?: PostingClient;
}

export interface BriefingFeature {
  subcommand: Subcommand;
  /** Adds the Share-in-channel button listener to the app. */
  register(app: App): void;
  /** Starts the schedule, if one is configured; call once the corpus is loaded (a catch-up may post at once). */
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly scheduler: BriefingScheduler | undefined;
}

export function createBriefingFeature(deps: BriefingFeatureDeps): BriefingFeature {
  const timeZone = deps.config.briefing.timeZone;
  const listenerDeps: BriefingListenerDeps = { ...deps, corpusDir: deps.config.corpusDir, timeZone };
  const now = deps.now ?? (() => new Date());
  let scheduler: BriefingScheduler | undefined;

  const schedule = deps.config.briefing.schedule;
  if (schedule) {
    const timers = deps.timers ?? SYSTEM_TIMERS;
    const client = deps.postingClient ?? createWebClient(deps.config.slack, { logger: deps.logger.child({ component: 'briefings' }) });
    const post = async (slot: Date, { catchUp }: { catchUp: boolean }): Promise<PostOutcome> => {
      const corpus = deps.getCorpus();
      if (!corpus) return { status: 'failed', error: 'the corpus is not loaded yet' };
      const briefing = await makeBriefing({
        engine: corpus.engine,
        corpusDir: deps.config.corpusDir,
        history: deps.state.briefings,
        place: schedule.channel,
        now,
        logger: deps.logger,
      });
      const messages = briefingToMessages(briefing, {
        timeZone,
        ...(schedule.mention ? { mention: schedule.mention } : {}),
        ...(catchUp ? { note: BRIEFING_MESSAGES.catchUp(formatAsOf(slot.toISOString(), timeZone)) } : {}),
      });
      const outcome = await postBriefingMessages(client, schedule.channel, messages, timers);
      // The channel saw at least the first message (what is new): that is its new watermark.
      if (outcome.status === 'posted' || (outcome.ts?.length ?? 0) > 0) {
        await deps.state.briefings
          .record(schedule.channel, briefing)
          .catch((err: unknown) =>
            deps.logger.error({ err, channel: schedule.channel }, 'posted, but could not record the briefing as the channel watermark'),
          );
      }
      return outcome;
    };
    scheduler = createBriefingScheduler({
      schedule: createCronSchedule(schedule.cron, timeZone),
      slots: deps.state.slots,
      channel: schedule.channel,
      post,
      now,
      timers,
      logger: deps.logger,
    });
  }

  return {
    subcommand: createBriefingSubcommand(listenerDeps),
    register: (app) => {
      app.action(BRIEFING_ACTIONS.share, createBriefingShareAction(listenerDeps));
    },
    async start() {
      await checkStandingQuestions(deps.config.corpusDir, deps.logger);
      await scheduler?.start();
    },
    stop: async () => {
      await scheduler?.stop();
    },
    get scheduler() {
      return scheduler;
    },
  };
}

/** Says at start-up, not at the first briefing, that the standing questions are missing or malformed. */
async function checkStandingQuestions(corpusDir: string, logger: Logger): Promise<void> {
  try {
    const { questions, file } = await loadStandingQuestions(corpusDir);
    if (!file) logger.warn({ corpusDir }, 'no standing-questions.json beside the corpus: briefings will have no key points');
    else logger.info({ file, questions: questions.length }, 'standing questions loaded');
  } catch (err) {
    logger.error(
      { err: (err as Error).message },
      'standing questions unreadable: briefings will show the problem instead of key points until it is fixed',
    );
  }
}
