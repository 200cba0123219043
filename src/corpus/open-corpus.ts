/** Loads a corpus folder and builds the answer engine over it, logging every file it had to skip. */
import { createEngine, type Engine, type EngineOptions } from '../core/engine.ts';
import type { Article } from '../core/types.ts';
import type { Logger } from '../logger.ts';
import { corpusFingerprint, defaultIndexCacheFile, readIndexCache, writeIndexCache } from './index-cache.ts';
import { loadCorpus, type LoadCorpusOptions, type SkippedFile } from './load-corpus.ts';
import { loadSynonyms } from './load-synonyms.ts';

export interface OpenedCorpus {
  engine: Engine;
  skipped: SkippedFile[];
  /** When the corpus was read (ISO date-time). */
  loadedAt: string;
  /** Whether the index came from the persisted cache or was built now. */
  index: 'cache' | 'built';
}

export interface OpenCorpusOptions {
  engine?: EngineOptions;
  load?: LoadCorpusOptions;
  now?: () => Date;
  /**
   * The persisted index file, or false to always build. Default `DIR/.brief-cache/index.json`:
   * beside the corpus it describes, so two corpora never share one, and hidden from the loader.
   */
  indexCache?: string | false;
}

export async function openCorpus(dir: string, logger: Logger, options: OpenCorpusOptions = {}): Promise<OpenedCorpus> {
  const started = performance.now();
  const [{ articles, skipped }, synonyms] = await Promise.all([loadCorpus(dir, options.load), loadSynonyms(dir)]);
  for (const { file, reason } of skipped) logger.warn({ file, reason }, 'skipped corpus file');
  const { engine, index } = await buildEngine(dir, articles, synonyms, logger, options);
  const stats = engine.stats();
  logger.info({ dir, articles: stats.articles, passages: stats.passages, skipped: skipped.length, index, ms: Math.round(performance.now() - started) }, 'corpus indexed');
  return { engine, skipped, index, loadedAt: (options.now?.() ?? new Date()).toISOString() };
}

/** The engine over these articles, from the persisted index when it matches them exactly. */
export async function buildEngine(
  dir: string, articles: Article[], synonyms: string[][], logger: Logger, options: Pick<OpenCorpusOptions, 'engine' | 'indexCache'> = {},
): Promise<{ engine: Engine; index: 'cache' | 'built' }> {
  const engineOptions: EngineOptions = { ...options.engine, analyzer: { synonyms, ...options.engine?.analyzer } };
  const cacheFile = options.indexCache ?? defaultIndexCacheFile(dir);
  return cacheFile === false
    ? { engine: createEngine(articles, engineOptions), index: 'built' }
    : openWithCache(articles, engineOptions, cacheFile, logger);
}

/** Uses the persisted index when it was made from exactly these inputs; otherwise builds and rewrites it. */
async function openWithCache(articles: Article[], engineOptions: EngineOptions, file: string, logger: Logger): Promise<{ engine: Engine; index: 'cache' | 'built' }> {
  const fingerprint = await corpusFingerprint(articles, engineOptions);
  const cached = await readIndexCache(file, fingerprint);
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
  const engine = createEngine(articles, engineOptions);
  try {
    await writeIndexCache(file, fingerprint, engine.snapshot());
  } catch (err) {
    // A read-only corpus folder still serves answers; it only starts slower next time.
    logger.warn({ file, err }, 'could not write the index cache');
  }
  return { engine, index: 'built' };
}
