/** Loads a corpus folder and builds the answer engine over it, logging every file it had to skip. */
import type { Engine } from '../core/engine.ts';
import type { Logger } from '../logger.ts';
import { buildEngine, type BuildEngineOptions } from './build-engine.ts';
import { loadCorpusFiles } from './corpus-files.ts';
import { corpusContents, type LoadCorpusOptions, type SkippedFile } from './load-corpus.ts';
import { loadSynonyms } from './load-synonyms.ts';

export interface OpenedCorpus {
  engine: Engine;
  skipped: SkippedFile[];
  /** When the corpus was read (ISO date-time). */
  loadedAt: string;
  /** Whether the index came from the persisted cache or was built now. */
  index: 'cache' | 'built';
  /** Article id → articleDigest, as worked out when each file was read. */
  digests: ReadonlyMap<string, string>;
}

export interface OpenCorpusOptions extends BuildEngineOptions {
  load?: LoadCorpusOptions;
  now?: () => Date;
}

export async function openCorpus(dir: string, logger: Logger, options: OpenCorpusOptions = {}): Promise<OpenedCorpus> {
  const started = performance.now();
  const [{ files, read }, synonyms] = await Promise.all([loadCorpusFiles(dir, logger, options), loadSynonyms(dir)]);
  const { articles, skipped, digests } = corpusContents(dir, files);
  const { engine, index } = await buildEngine(dir, articles, synonyms, logger, { ...options, digests });
  const stats = engine.stats();
  logger.info(
    {
      dir,
      articles: stats.articles,
      passages: stats.passages,
      skipped: skipped.length,
      read: read.length,
      index,
      ms: Math.round(performance.now() - started),
    },
    'corpus indexed',
  );
  return { engine, skipped, index, digests, loadedAt: (options.now?.() ?? new Date()).toISOString() };
}
