/**
 * The corpus as it is now: loaded once at start, then kept current by the watcher. Only changed
 * files are read again; the engine is rebuilt over every article (it is immutable), and whoever
 * listens (the Slack listeners, alerts) gets the new one.
 */
import path from 'node:path';
import type { EngineOptions } from '../core/engine.ts';
import type { Article } from '../core/types.ts';
import type { Logger } from '../logger.ts';
import { describeLoadError, loadArticleFile, mapWithConcurrency, READ_CONCURRENCY, type LoadCorpusOptions, type SkippedFile } from './load-corpus.ts';
import { loadSynonyms, SYNONYMS_FILE } from './load-synonyms.ts';
import { buildEngine, type OpenedCorpus } from './open-corpus.ts';
import { scanCorpusFiles, watchCorpus, type CorpusWatcher, type FileChanges, type WatchCorpusOptions } from './watch-corpus.ts';

export interface CorpusLoad {
  corpus: OpenedCorpus;
  /** True for the load at start-up. */
  initial: boolean;
  /** File names read (again) in this load, and deleted. */
  changed: string[];
  removed: string[];
}

export interface LiveCorpusOptions {
  watch?: WatchCorpusOptions;
  load?: LoadCorpusOptions;
  engine?: EngineOptions;
  /** The persisted index file, or false to always build (see openCorpus). Default beside the corpus. */
  indexCache?: string | false;
  now?: () => Date;
  /** Called after every load, the first included; awaited before the next load starts. */
  onLoad?: (load: CorpusLoad) => void | Promise<void>;
}

export interface LiveCorpus {
  /** Resolves once the first load (and its onLoad) is done. */
  ready: Promise<OpenedCorpus>;
  current(): OpenedCorpus | undefined;
  /** Scans the folder now instead of waiting for events. */
  rescan(): Promise<void>;
  stop(): void;
}

export function startLiveCorpus(dir: string, logger: Logger, options: LiveCorpusOptions = {}): LiveCorpus {
  const files = new Map<string, { article?: Article; reason?: string }>();
  let synonyms: string[][] = [];
  let corpus: OpenedCorpus | undefined;
  let watcher: CorpusWatcher | undefined;
  let stopped = false;

  const readFile = async (name: string) => {
    const file = path.join(dir, name);
    try {
      files.set(name, { article: await loadArticleFile(file, options.load) });
    } catch (err) {
      const reason = describeLoadError(err);
      files.set(name, { reason });
      logger.warn({ file, reason }, 'skipped corpus file');
    }
  };

  const build = async (initial: boolean, changed: string[], removed: string[], started: number) => {
    const articles = [...files.values()].flatMap((f) => (f.article ? [f.article] : []));
    const skipped: SkippedFile[] = [...files].flatMap(([name, f]) => (f.reason ? [{ file: path.join(dir, name), reason: f.reason }] : []));
    const { engine, index } = await buildEngine(dir, articles, synonyms, logger, options);
    corpus = { engine, skipped, index, loadedAt: (options.now?.() ?? new Date()).toISOString() };
    const stats = engine.stats();
    const fields = { dir, articles: stats.articles, passages: stats.passages, skipped: skipped.length, index, ms: Math.round(performance.now() - started) };
    if (initial) logger.info(fields, 'corpus indexed');
    else logger.info({ ...fields, changed, removed }, 'corpus reloaded');
    try {
      await options.onLoad?.({ corpus, initial, changed, removed });
    } catch (err) {
      logger.error({ err }, 'handling the corpus load failed');
    }
  };

  const applyChanges = async (changes: FileChanges) => {
    const started = performance.now();
    const changed: string[] = [];
    const removed: string[] = [];
    for (const [name, stamp] of changes) {
      if (name === SYNONYMS_FILE) {
        synonyms = await loadSynonyms(dir).catch((err: unknown) => { logger.error({ err }, 'synonyms.json is invalid; keeping the previous synonyms'); return synonyms; });
      } else if (stamp === null) {
        if (files.delete(name)) removed.push(name);
      } else {
        await readFile(name);
        changed.push(name);
      }
    }
    for (const file of removed) logger.info({ file }, 'article file removed from the corpus');
    if (!stopped) await build(false, changed, removed, started);
  };

  const ready = (async () => {
    const started = performance.now();
    const stamps = await scanCorpusFiles(dir);
    await mapWithConcurrency([...stamps.keys()].filter((n) => n !== SYNONYMS_FILE), READ_CONCURRENCY, readFile);
    synonyms = await loadSynonyms(dir);
    await build(true, [...stamps.keys()].filter((n) => n !== SYNONYMS_FILE), [], started);
    if (!stopped) watcher = watchCorpus(dir, stamps, applyChanges, logger, options.watch);
    return corpus as OpenedCorpus;
  })();

  return {
    ready,
    current: () => corpus,
    rescan: async () => { await ready; await watcher?.scan(); },
    stop() { stopped = true; watcher?.stop(); },
  };
}
