/** Alerts and watches, composed: the watch store, the `/brief watch…` subcommands and the alerter. */
import type { Config } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import type { BriefState } from '../../state/open-state.ts';
import type { WatchStore } from '../../state/watch-store.ts';
import type { CorpusSource, Subcommand } from '../deps.ts';
import { createWatchSubcommands } from '../listeners/watch-subcommands.ts';
import { createWebClient } from '../post/web-client.ts';
import { createCorpusAlerter, type CorpusAlerter, type CorpusAlerterDeps } from './corpus-alerter.ts';

export interface Alerting extends CorpusAlerter {
  subcommands: Subcommand[];
  /** The watches, read by the Home tab. */
  watches: Pick<WatchStore, 'all'>;
}

/** What tests (and only tests) tune: posting, retry and sweep timings. */
export type AlertTimings = Pick<CorpusAlerterDeps, 'queue' | 'sender' | 'sweepMs'>;

export function startAlerting(
  config: Readonly<Config>,
  logger: Logger,
  state: Pick<BriefState, 'alerts' | 'articleVersions' | 'watches' | 'replicaId'>,
  getCorpus: CorpusSource,
  options: AlertTimings & { now?: () => Date } = {},
): Alerting {
  const { watches } = state;
  const alerter = createCorpusAlerter({
    store: state.alerts,
    versions: state.articleVersions,
    channels: config.alertChannels,
    digestAt: config.alertDigestAt,
    client: createWebClient(config.slack, { logger: logger.child({ component: 'alerts' }) }),
    watches,
    logger,
    ...options,
    sender: { owner: state.replicaId, ...options.sender },
  });
  if (config.alertChannels.length === 0) logger.info('ALERT_CHANNEL is empty: no channel alerts for new articles (watches still post)');
  return { ...alerter, watches, subcommands: createWatchSubcommands({ watches, getCorpus }) };
}
