/** Loads a corpus folder and builds the answer engine over it, logging every file it had to skip. */
import { createEngine, type Engine, type EngineOptions } from '../core/engine.ts';
import type { Logger } from '../logger.ts';
import { loadCorpus, type LoadCorpusOptions, type SkippedFile } from './load-corpus.ts';
import { loadSynonyms } from './load-synonyms.ts';

export interface OpenedCorpus {
  engine: Engine;
  skipped: SkippedFile[];
  /** When the corpus was read (ISO date-time). */
  loadedAt: string;
}

export async function openCorpus(
  dir: string,
  logger: Logger,
  options: { engine?: EngineOptions; load?: LoadCorpusOptions; now?: () => Date } = {},
): Promise<OpenedCorpus> {
  const started = performance.now();
  const [{ articles, skipped }, synonyms] = await Promise.all([loadCorpus(dir, options.load), loadSynonyms(dir)]);
  for (const { file, reason } of skipped) logger.warn({ file, reason }, 'skipped corpus file');
  const engine = createEngine(articles, { ...options.engine, analyzer: { synonyms, ...options.engine?.analyzer } });
  const stats = engine.stats();
  logger.info({ dir, articles: stats.articles, passages: stats.passages, skipped: skipped.length, ms: Math.round(performance.now() - started) }, 'corpus indexed');
  return { engine, skipped, loadedAt: (options.now?.() ?? new Date()).toISOString() };
}
