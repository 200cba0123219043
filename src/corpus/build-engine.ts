/**
 * The engine over a corpus's articles: from the persisted index when it was made from exactly these
 * inputs, otherwise built (here, or in a worker thread for a large corpus) and the index rewritten.
 */
import { createEngine, DEFAULT_ENGINE_OPTIONS, type Engine, type EngineOptions } from '../core/engine.ts';
import { createCentralityBuilder } from '../core/story-centrality.ts';
import { mapInSlices } from '../time-slices.ts';
import type { Article } from '../core/types.ts';
import type { Logger } from '../logger.ts';
import { buildEngineInWorker } from './build-in-worker.ts';
import { corpusFingerprint } from './corpus-fingerprint.ts';
import { defaultIndexCacheFile, readIndexCache, writeIndexCache } from './index-cache.ts';

export interface BuildEngineOptions {
  engine?: EngineOptions;
  /**
   * The persisted index file, or false to always build (and read every file). Default
   * `DIR/.brief-cache/index.jsonl`: beside the corpus it describes, so two corpora never share one,
   * and hidden from the loader. The corpus file cache (corpus-files.ts) sits beside it.
   */
  indexCache?: string | false;
  /**
   * Build the index in a worker thread (build-in-worker.ts) when there are at least this many
   * articles, so the event loop stays free during a long build; false never does. Default false:
   * the CLI has nothing else to do. The bot's live corpus uses {@link WORKER_BUILD_FROM}.
   */
  workerFrom?: number | false;
}

/** Articles from which the bot builds in a worker: below, a build takes well under a second and a worker's start-up would cost more. */
export const WORKER_BUILD_FROM = 500;

/** The engine over these articles, from the persisted index when it matches them exactly. */
export async function buildEngine(
  dir: string,
  articles: Article[],
  synonyms: string[][],
  logger: Logger,
  options: BuildEngineOptions & { digests?: ReadonlyMap<string, string>; signal?: AbortSignal } = {},
): Promise<{ engine: Engine; index: 'cache' | 'built' }> {
  const engineOptions: EngineOptions = { ...options.engine, analyzer: { synonyms, ...options.engine?.analyzer } };
  const cacheFile = options.indexCache ?? defaultIndexCacheFile(dir);
  const inWorker = options.workerFrom !== undefined && options.workerFrom !== false && articles.length >= options.workerFrom;
  const built =
    cacheFile === false
      ? { engine: await build(articles, engineOptions, logger, { inWorker, signal: options.signal }), index: 'built' as const }
      : await openWithCache(articles, engineOptions, cacheFile, logger, { inWorker, signal: options.signal }, options.digests);
  await provideCentrality(built.engine, engineOptions);
  return built;
}

/**
 * A large corpus's story centrality (about 1 s per 10,000 articles) is read here in event-loop
 * slices, so the bot keeps acking Slack meanwhile; a small corpus's engine works it out itself.
 */
async function provideCentrality(engine: Engine, options: EngineOptions): Promise<void> {
  if (engine.articles.length <= (options.lazyCentralityUpTo ?? DEFAULT_ENGINE_OPTIONS.lazyCentralityUpTo)) return;
  const builder = createCentralityBuilder(engine.analyzer);
  await mapInSlices(engine.articles, builder.add);
  engine.provideStoryCentrality(builder.finish());
}

interface BuildWhere {
  inWorker: boolean;
  signal?: AbortSignal | undefined;
}

/**
 * A fresh engine, in a worker thread when asked (falling back to this thread if the worker fails,
 * but not when `signal` stopped it); writes the cache when `cache` is given.
 */
async function build(
  articles: Article[],
  engineOptions: EngineOptions,
  logger: Logger,
  where: BuildWhere,
  cache?: { file: string; fingerprint: string },
): Promise<Engine> {
  if (where.inWorker) {
    try {
      const { engine, cacheError } = await buildEngineInWorker(
        articles,
        engineOptions,
        cache,
        where.signal ? { signal: where.signal } : {},
      );
      if (cache && cacheError) logger.warn({ file: cache.file, reason: cacheError }, 'could not write the index cache');
      return engine;
    } catch (err) {
      if (where.signal?.aborted) throw err;
      logger.warn({ err }, 'building the index in a worker thread failed; building it here');
    }
  }
  const engine = createEngine(articles, engineOptions);
  if (cache) {
    try {
      await writeIndexCache(cache.file, cache.fingerprint, engine.snapshot(), articles);
    } catch (err) {
      // A read-only corpus folder still serves answers; it only starts slower next time.
      logger.warn({ file: cache.file, err }, 'could not write the index cache');
    }
  }
  return engine;
}

/** Uses the persisted index when it was made from exactly these inputs; otherwise builds and rewrites it. */
async function openWithCache(
  articles: Article[],
  engineOptions: EngineOptions,
  file: string,
  logger: Logger,
  where: BuildWhere,
  digests?: ReadonlyMap<string, string>,
): Promise<{ engine: Engine; index: 'cache' | 'built' }> {
  const fingerprint = await corpusFingerprint(articles, engineOptions, digests);
  const cached = await readIndexCache(file, fingerprint, articles);
  if (cached.status === 'hit') {
    try {
      return { engine: createEngine(articles, { ...engineOptions, persistedIndex: cached.snapshot }), index: 'cache' };
    } catch (err) {
      logger.warn({ file, reason: (err as Error).message }, 'index cache unusable; rebuilding');
    }
  } else if (cached.status === 'corrupt') {
    logger.warn({ file, reason: cached.reason }, 'index cache unreadable; rebuilding');
  } else if (cached.status === 'stale') {
    logger.info({ file }, 'corpus, options or engine changed since the index was cached; rebuilding');
  }
  const engine = await build(articles, engineOptions, logger, where, { file, fingerprint });
  return { engine, index: 'built' };
}
