/**
 * After every corpus load: decide what to announce (new and substantively changed articles,
 * watched questions they answer), record it with the seen articles in one transaction, then post
 * it through the per-channel queue. Loads are handled one at a time, in order. The outbox is also
 * swept on an interval, so an entry another replica left (killed mid-post) is finished here.
 */
import type { webApi } from '@slack/bolt';
import { articlesNeedingVersions, planArticleAlerts } from '../../core/article-alerts.ts';
import type { ArticleVersion } from '../../core/article-changes.ts';
import { DEFAULT_TOP } from '../../core/defaults.ts';
import { splitSentences } from '../../core/text.ts';
import type { Article, Passage } from '../../core/types.ts';
import { articleToPassages } from '../../core/passages.ts';
import { placeInStory } from '../../core/story-placement.ts';
import { findWatchHits } from '../../core/watch-hits.ts';
import { articleHash } from '../../corpus/article-hash.ts';
import type { CorpusLoad } from '../../corpus/live-corpus.ts';
import type { Logger } from '../../logger.ts';
import type { AlertStore } from '../../state/alert-store.ts';
import type { ArticleVersions } from '../../state/article-versions.ts';
import type { WatchStore } from '../../state/watch-store.ts';
import { mapInSlices } from '../../time-slices.ts';
import type { AlertRenderOptions } from '../blocks/alert-blocks.ts';
import { composeAlertDrafts } from './compose-alerts.ts';
import { createPostQueue, type PostQueueOptions } from './post-queue.ts';
import { createAlertSender, type AlertSenderOptions } from './send-alerts.ts';

export interface CorpusAlerterDeps {
  store: AlertStore;
  versions: ArticleVersions;
  /** Channels that hear about new articles; empty: only watches post. */
  channels: readonly string[];
  digestAt?: number;
  client: webApi.WebClient;
  watches: WatchStore;
  logger: Logger;
  now?: () => Date;
  queue?: PostQueueOptions;
  sender?: AlertSenderOptions;
  render?: AlertRenderOptions;
  /** Time between sweeps of the outbox for entries nobody is posting. Default 5000 ms; 0 turns sweeping off. */
  sweepMs?: number;
}

export const DEFAULT_OUTBOX_SWEEP_MS = 5000;

export interface CorpusAlerter {
  handleLoad(load: CorpusLoad): Promise<void>;
  /** Resolves when every alert recorded so far is posted (or has failed for good). */
  idle(): Promise<void>;
  /** Starts posting whatever is unsent and unclaimed (after the database was unreachable). */
  deliverPending(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `articleVersion` and `articleToPassages` of each article, worked out in slices: one article's
 * passages per slice, then its sentences passage by passage. Five 2 MB articles at once, each
 * split whole, held the event loop about a second on a busy machine.
 */
export async function versionsInSlices(
  articles: readonly Article[],
): Promise<{ articleVersions: Map<string, ArticleVersion>; articlePassages: Map<string, Passage[]> }> {
  const passages = await mapInSlices(articles, (a) => articleToPassages(a));
  const flat = passages.flatMap((list, i) => list.map((p) => ({ i, text: p.text })));
  const split = await mapInSlices(flat, (p) => splitSentences(p.text));
  const sentences = articles.map((): string[] => []);
  flat.forEach((p, k) => {
    sentences[p.i]!.push(...split[k]!);
  });
  return {
    // The same as articleVersion(article), which splits the same passages.
    articleVersions: new Map(articles.map((a, i) => [a.id, { title: a.title, sentences: sentences[i]! }] as const)),
    articlePassages: new Map(articles.map((a, i) => [a.id, passages[i]!] as const)),
  };
}

export function createCorpusAlerter(deps: CorpusAlerterDeps): CorpusAlerter {
  const logger = deps.logger.child({ component: 'alerts' });
  const now = deps.now ?? (() => new Date());
  const { store, versions } = deps;
  const queue = createPostQueue(logger, deps.queue);
  const sender = createAlertSender({ client: deps.client, store, queue, logger, options: { now, ...deps.sender } });
  let baselinePending = true;
  let delivering: Promise<void> = Promise.resolve();
  let chain: Promise<void> = Promise.resolve();

  const handle = async (load: CorpusLoad) => {
    const { engine, digests } = load.corpus;
    const baseline = baselinePending && (await store.firstStart());
    // From the digests worked out as the files were read: hashing 17,800 articles again took 0.3 s per load.
    const hashes = new Map(engine.articles.map((a) => [a.id, articleHash(a, digests.get(a.id))]));
    const input = { engine, hashes, known: await store.known(), versions: await versions.all(), baseline };
    // Splitting every sentence of 17,800 articles (a first start) takes seconds: in slices, so Slack requests are still acked meanwhile.
    const needed = articlesNeedingVersions(input);
    const { articleVersions, articlePassages } = await versionsInSlices(needed);
    const plan = planArticleAlerts({ ...input, articleVersions, articlePassages, placeInStory: (a) => placeInStory(engine, a) });
    const hits = findWatchHits(
      (q) => engine.answer(q, { top: DEFAULT_TOP }),
      await deps.watches.all(),
      new Set(plan.alerts.map((a) => a.article.id)),
    );
    const drafts = composeAlertDrafts({
      alerts: plan.alerts,
      hits,
      channels: deps.channels,
      ...(deps.digestAt ? { digestAt: deps.digestAt } : {}),
      ...(deps.render ? { render: deps.render } : {}),
    });
    const added = await store.commit(plan.known, drafts);
    // Committed: the baseline is taken and the alerts are owed, whatever fails next.
    baselinePending = false;
    delivering = sender.deliverAll().catch((err: unknown) => logger.warn({ err }, 'could not read the outbox; the sweep will try again'));
    await versions.save(plan.versions);
    if (baseline)
      logger.info({ articles: engine.articles.length }, 'first start: the corpus as found is recorded as seen; nothing announced');
    if (plan.quiet.length) logger.info({ articles: plan.quiet }, 're-indexed without announcing: no change of substance');
    for (const a of plan.alerts) logger.info({ article: a.article.id, kind: a.kind, fresh: a.fresh.length }, 'article to announce');
    for (const h of hits)
      logger.info({ watch: h.watch.id, channel: h.watch.channel, article: h.articleId }, 'watched question answered by a new article');
    if (added.length)
      logger.info({ alerts: added.map((e) => ({ id: e.id, channel: e.channel, kind: e.kind })) }, 'alerts recorded in the outbox');
  };

  const sweepMs = deps.sweepMs ?? DEFAULT_OUTBOX_SWEEP_MS;
  let sweeping = false;
  const sweep =
    sweepMs > 0
      ? setInterval(() => {
          if (sweeping) return;
          sweeping = true;
          // Not awaited by idle(): entries this replica is not posting are another's until their lease ends.
          sender
            .deliverAll()
            .catch((err: unknown) => logger.warn({ err }, 'could not read the outbox; will try again'))
            .finally(() => {
              sweeping = false;
            });
        }, sweepMs)
      : undefined;
  sweep?.unref();

  return {
    handleLoad(load) {
      const next = chain.then(() => handle(load));
      chain = next.catch(() => undefined);
      return next;
    },
    deliverPending: () => sender.deliverAll().catch((err: unknown) => logger.warn({ err }, 'could not read the outbox; will try again')),
    async idle() {
      await chain;
      await delivering;
    },
    async stop() {
      if (sweep) clearInterval(sweep);
      await chain;
      await sender.stop();
    },
  };
}
