/** Composition root: config → corpus → engine → Slack app (and, as they land, watcher and scheduler). */
import type { Config } from './config.ts';
import { startLiveCorpus } from './corpus/live-corpus.ts';
import type { OpenedCorpus } from './corpus/open-corpus.ts';
import type { WatchCorpusOptions } from './corpus/watch-corpus.ts';
import type { Logger } from './logger.ts';
import { startAlerting, type AlertTimings } from './slack/alerts/start-alerts.ts';
import { createSlackApp } from './slack/create-slack-app.ts';
import { createInFlight } from './slack/in-flight.ts';

export interface RunningBrief {
  /** The bound HTTP port (HTTP mode). */
  port?: number;
  /** Resolves once the corpus is indexed and questions can be answered. */
  ready: Promise<void>;
  current(): OpenedCorpus | undefined;
  /** Resolves once corpus changes handled so far have had their alerts posted. */
  alertsIdle(): Promise<void>;
  /** Stops taking requests, lets in-flight answers finish, then resolves. */
  stop(): Promise<void>;
}

export interface StartBriefOptions {
  now?: () => Date;
  /** Corpus watcher timings (tests); `settleMs` defaults to config.corpusSettleMs. */
  watch?: WatchCorpusOptions;
  /** Alert posting and retry timings (tests). */
  alerts?: AlertTimings;
}

export async function startBrief(config: Readonly<Config>, logger: Logger, options: StartBriefOptions = {}): Promise<RunningBrief> {
  const inFlight = createInFlight();
  let corpus: OpenedCorpus | undefined;
  const now = options.now ? { now: options.now } : {};
  const alerting = await startAlerting(config, logger, () => corpus, { ...options.alerts, ...now });
  const slack = createSlackApp({
    config, logger, inFlight,
    stateDir: config.stateDir,
    getCorpus: () => corpus,
    isReady: () => corpus !== undefined,
    subcommands: [...alerting.subcommands],
    ...now,
  });
  // Listen first so /healthz can say "indexing" (503) while a large corpus loads.
  const { port } = await slack.start();
  logger.info({ mode: config.slack.mode, port, corpusDir: config.corpusDir }, 'Brief is listening');
  // The corpus is watched: a changed file is re-indexed without a restart, then alerts decide what to announce.
  const live = startLiveCorpus(config.corpusDir, logger, {
    ...now,
    watch: { ...(config.corpusSettleMs ? { settleMs: config.corpusSettleMs } : {}), ...options.watch },
    onLoad: (load) => { corpus = load.corpus; return alerting.handleLoad(load); },
  });
  const ready = live.ready.then(() => undefined);

  return {
    ...(port !== undefined ? { port } : {}),
    ready,
    current: () => corpus,
    alertsIdle: () => alerting.idle(),
    async stop() {
      logger.info({ inFlight: inFlight.size }, 'stopping: finishing answers in flight');
      live.stop();
      await slack.stop();
      await inFlight.drain();
      await alerting.stop();
      logger.info('stopped');
    },
  };
}
