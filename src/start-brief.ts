/** Composition root: config → corpus → engine → Slack app (and, as they land, watcher and scheduler). */
import type { Config } from './config.ts';
import { openCorpus, type OpenedCorpus } from './corpus/open-corpus.ts';
import { createFeedPoller, type FeedPoller } from './ingest/feed-poller.ts';
import type { Logger } from './logger.ts';
import type { Timers } from './schedule/briefing-scheduler.ts';
import { createBriefingFeature } from './slack/briefing-feature.ts';
import { createSlackApp } from './slack/create-slack-app.ts';
import { createInFlight } from './slack/in-flight.ts';

export interface RunningBrief {
  /** The bound HTTP port (HTTP mode). */
  port?: number;
  /** Resolves once the corpus is indexed and questions can be answered. */
  ready: Promise<void>;
  current(): OpenedCorpus | undefined;
  /** Stops taking requests, lets in-flight answers finish, then resolves. */
  stop(): Promise<void>;
}

export async function startBrief(config: Readonly<Config>, logger: Logger, options: { now?: () => Date; timers?: Timers } = {}): Promise<RunningBrief> {
  const inFlight = createInFlight();
  let corpus: OpenedCorpus | undefined;
  const listenerDeps = { logger, inFlight, stateDir: config.stateDir, getCorpus: () => corpus, ...(options.now ? { now: options.now } : {}) };
  const briefings = createBriefingFeature({ ...listenerDeps, config, ...(options.timers ? { timers: options.timers } : {}) });
  const slack = createSlackApp({
    config, logger, inFlight,
    stateDir: config.stateDir,
    getCorpus: () => corpus,
    isReady: () => corpus !== undefined,
    ...(options.now ? { now: options.now } : {}),
    subcommands: [briefings.subcommand],
  });
  briefings.register(slack.app);
  // Listen first so /healthz can say "indexing" (503) while a large corpus loads.
  const { port } = await slack.start();
  logger.info({ mode: config.slack.mode, port, corpusDir: config.corpusDir }, 'Brief is listening');
  // New feed items are written into the corpus folder; the corpus watcher indexes and announces them.
  const feeds: FeedPoller | undefined = config.feeds && createFeedPoller({
    feedsFile: config.feeds.file, corpusDir: config.corpusDir, stateDir: config.stateDir, logger: logger.child({ component: 'feeds' }),
    intervalMs: config.feeds.intervalMs, backfillWindowMs: config.feeds.backfillWindowMs,
    ...(options.now ? { now: options.now } : {}),
  });
  feeds?.start();
  const ready = openCorpus(config.corpusDir, logger, options.now ? { now: options.now } : {}).then((opened) => { corpus = opened; })
    // The schedule reads the corpus through the same getter as the listeners; a catch-up may post now.
    .then(() => briefings.start().catch((err: unknown) => { logger.error({ err }, 'scheduled briefings could not start; /brief still answers'); }));

  return {
    ...(port !== undefined ? { port } : {}),
    ready,
    current: () => corpus,
    async stop() {
      logger.info({ inFlight: inFlight.size }, 'stopping: finishing answers in flight');
      await feeds?.stop();
      await briefings.stop();
      await slack.stop();
      await inFlight.drain();
      logger.info('stopped');
    },
  };
}
