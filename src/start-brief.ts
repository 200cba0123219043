/** Composition root: config → state → live corpus (watched) → Slack app, alerts, briefings, feed polling. */
import type { Config } from './config.ts';
import { startLiveCorpus } from './corpus/live-corpus.ts';
import type { OpenedCorpus } from './corpus/open-corpus.ts';
import type { WatchCorpusOptions } from './corpus/watch-corpus.ts';
import { createFeedPoller, type FeedPoller } from './ingest/feed-poller.ts';
import type { Logger } from './logger.ts';
import type { Timers } from './schedule/briefing-scheduler.ts';
import { openState, type BriefState, type OpenStateOptions } from './state/open-state.ts';
import { startAlerting, type AlertTimings } from './slack/alerts/start-alerts.ts';
import { createBriefingFeature } from './slack/briefing-feature.ts';
import { createSlackApp } from './slack/create-slack-app.ts';
import { createInFlight } from './slack/in-flight.ts';
import { registerHomeTab } from './slack/listeners/home-tab.ts';

export interface RunningBrief {
  /** The bound HTTP port (HTTP mode). */
  port?: number;
  /** Resolves once the corpus is indexed and questions can be answered. */
  ready: Promise<void>;
  current(): OpenedCorpus | undefined;
  /** Resolves when no alert is waiting to be posted (tests). */
  alertsIdle(): Promise<void>;
  /** Scans the corpus folder now and loads what has settled, alerts decided (tests). */
  rescan(): Promise<void>;
  /** The state stores (tests look inside). */
  state: BriefState;
  /** Stops taking requests, lets in-flight answers finish, then resolves. */
  stop(): Promise<void>;
}

export interface StartBriefOptions {
  now?: () => Date;
  /** Timers for the briefing schedule and feed polling (tests). */
  timers?: Timers;
  /** Corpus watcher timings (tests); `settleMs` defaults to config.corpusSettleMs. */
  watch?: WatchCorpusOptions;
  /** Alert posting and retry timings (tests). */
  alerts?: AlertTimings;
  /** Database health-check timings (tests). */
  health?: OpenStateOptions['health'];
}

export async function startBrief(config: Readonly<Config>, logger: Logger, options: StartBriefOptions = {}): Promise<RunningBrief> {
  const inFlight = createInFlight();
  let corpus: OpenedCorpus | undefined;
  const now = options.now ? { now: options.now } : {};
  const state = await openState(config, logger, { ...now, ...(options.health ? { health: options.health } : {}) });
  const listenerDeps = { logger, inFlight, state, getCorpus: () => corpus, ...now };
  const alerting = startAlerting(config, logger, state, () => corpus, { ...options.alerts, ...now });
  const briefings = createBriefingFeature({ ...listenerDeps, config, ...(options.timers ? { timers: options.timers } : {}) });
  const slack = createSlackApp({
    ...listenerDeps,
    config,
    isReady: () => corpus !== undefined,
    subcommands: [briefings.subcommand, ...alerting.subcommands],
  });
  briefings.register(slack.app);
  registerHomeTab(slack.app, {
    ...listenerDeps,
    corpusDir: config.corpusDir,
    timeZone: config.briefing.timeZone,
    watches: alerting.watches,
    ...(config.briefing.schedule ? { briefingChannel: config.briefing.schedule.channel } : {}),
    subcommands: [briefings.subcommand, ...alerting.subcommands],
  });
  // Listen first so /healthz can say "indexing" (503) while a large corpus loads.
  const { port } = await slack.start();
  // A lost database is retried with backoff; once back, the outbox is swept at once.
  state.health.start(() => {
    void alerting.deliverPending();
  });
  logger.info({ mode: config.slack.mode, port, corpusDir: config.corpusDir }, 'Brief is listening');

  // The corpus is watched: a changed file is re-indexed without a restart, then alerts decide what to announce.
  const live = startLiveCorpus(config.corpusDir, logger, {
    ...now,
    watch: { settleMs: config.corpusSettleMs, ...options.watch },
    onLoad: (load) => {
      corpus = load.corpus;
      return alerting.handleLoad(load);
    },
  });
  // The schedule reads the corpus through the same getter as the listeners; a catch-up may post now.
  const ready = live.ready.then(() =>
    briefings.start().catch((err: unknown) => {
      logger.error({ err }, 'scheduled briefings could not start; /brief still answers');
    }),
  );
  // New feed items are written into the corpus folder, where the watcher indexes and announces them;
  // they are checked for duplicates against the articles the live corpus has loaded, not a second read.
  const feeds: FeedPoller | undefined =
    config.feeds &&
    createFeedPoller({
      feedsFile: config.feeds.file,
      corpusDir: config.corpusDir,
      feedState: state.feeds,
      logger: logger.child({ component: 'feeds' }),
      duplicateIndex: () => live.ready.then(() => live.duplicates),
      intervalMs: config.feeds.intervalMs,
      backfillWindowMs: config.feeds.backfillWindowMs,
      ...now,
      ...options.timers,
    });
  feeds?.start();

  return {
    ...(port !== undefined ? { port } : {}),
    ready,
    current: () => corpus,
    alertsIdle: () => alerting.idle(),
    rescan: () => live.rescan(),
    state,
    async stop() {
      logger.info({ inFlight: inFlight.size }, 'stopping: finishing answers in flight');
      await feeds?.stop();
      await briefings.stop();
      live.stop();
      await slack.stop();
      await inFlight.drain();
      await alerting.stop();
      await state.close();
      logger.info('stopped');
    },
  };
}
