/**
 * The corpus as it is now: loaded once at start, then kept current by the watcher. Only changed
 * files are read again; the engine is rebuilt over every article (it is immutable), and whoever
 * listens (the Slack listeners, alerts) gets the new one.
 */
import path from 'node:path';
import type { Logger } from '../logger.ts';
import { filesCacheFile, loadCorpusFiles, saveFilesCache, type CorpusFiles } from './corpus-files.ts';
import { corpusContents, readCorpusFile } from './load-corpus.ts';
import { loadSynonyms, SYNONYMS_FILE } from './load-synonyms.ts';
import { buildEngine, WORKER_BUILD_FROM } from './build-engine.ts';
import { followDuplicates, type DuplicateIndex } from './duplicate-index.ts';
import type { Article } from '../core/types.ts';
import type { OpenCorpusOptions, OpenedCorpus } from './open-corpus.ts';
import { watchCorpus, type CorpusWatcher, type FileChanges, type WatchCorpusOptions } from './watch-corpus.ts';

export interface CorpusLoad {
  corpus: OpenedCorpus;
  /** True for the load at start-up. */
  initial: boolean;
  /** File names read (again) in this load, and deleted. */
  changed: string[];
  removed: string[];
}

/** As openCorpus takes (workerFrom defaults to WORKER_BUILD_FROM here), plus the watcher's timings and a listener. */
export interface LiveCorpusOptions extends OpenCorpusOptions {
  watch?: WatchCorpusOptions;
  /** Called after every load, the first included; awaited before the next load starts. */
  onLoad?: (load: CorpusLoad) => void | Promise<void>;
}

export interface LiveCorpus {
  /** Resolves once the first load (and its onLoad) is done. */
  ready: Promise<OpenedCorpus>;
  current(): OpenedCorpus | undefined;
  /** Scans the folder now instead of waiting for events. */
  rescan(): Promise<void>;
  /**
   * The duplicate index over the loaded articles, for whoever writes into the folder (the feed
   * poller): one for the corpus's life, following each load and extended by each article added.
   */
  duplicates: DuplicateIndex;
  stop(): void;
}

/**
 * Characters of article text from which the bot builds in a worker thread whatever the number of
 * articles: a build's cost follows the text, and five 2 MB articles held the event loop 11 s while
 * fewer than {@link WORKER_BUILD_FROM} articles kept the build on it.
 */
export const WORKER_BUILD_FROM_CHARS = 500_000;

/** Whether this corpus is built in a worker: many articles, or much text. */
export function buildsInWorker(
  articles: readonly Pick<Article, 'title' | 'body'>[],
  workerFrom: number | false = WORKER_BUILD_FROM,
  fromChars = WORKER_BUILD_FROM_CHARS,
): boolean {
  if (workerFrom === false) return false;
  if (articles.length >= workerFrom) return true;
  let chars = 0;
  for (const a of articles) {
    chars += a.body.length + a.title.length;
    if (chars >= fromChars) return true;
  }
  return false;
}

export function startLiveCorpus(dir: string, logger: Logger, options: LiveCorpusOptions = {}): LiveCorpus {
  let files: CorpusFiles = new Map();
  let synonyms: string[][] = [];
  let corpus: OpenedCorpus | undefined;
  let watcher: CorpusWatcher | undefined;
  let stopped = false;
  /** Counts the loads, so the duplicate index knows when `files` has changed. */
  let generation = 0;
  const now = () => (options.now?.() ?? new Date()).getTime();
  const cacheFile = filesCacheFile(dir, options);
  // Stops a re-index running in a worker thread when the corpus is stopped (shutting down).
  const stopping = new AbortController();

  const readFile = async (name: string) => {
    const entry = await readCorpusFile(path.join(dir, name), options.load, now);
    files.set(name, entry);
    if (entry.reason) logger.warn({ file: path.join(dir, name), reason: entry.reason }, 'skipped corpus file');
  };

  const build = async (initial: boolean, changed: string[], removed: string[], started: number, read = changed.length) => {
    const { articles, skipped, digests } = corpusContents(dir, files);
    // While a large corpus is re-indexed in a worker, the previous engine keeps answering.
    let built: Awaited<ReturnType<typeof buildEngine>>;
    try {
      built = await buildEngine(dir, articles, synonyms, logger, {
        ...options,
        workerFrom: buildsInWorker(articles, options.workerFrom ?? WORKER_BUILD_FROM) ? 0 : false,
        digests,
        ...(initial ? {} : { signal: stopping.signal }),
      });
    } catch (err) {
      if (stopped) return;
      throw err;
    }
    const { engine, index } = built;
    const opened: OpenedCorpus = { engine, skipped, index, digests, loadedAt: new Date(now()).toISOString() };
    corpus = opened;
    generation++;
    const stats = engine.stats();
    const fields = {
      dir,
      articles: stats.articles,
      passages: stats.passages,
      skipped: skipped.length,
      read,
      index,
      ms: Math.round(performance.now() - started),
    };
    if (initial) logger.info(fields, 'corpus indexed');
    else logger.info({ ...fields, changed, removed }, 'corpus reloaded');
    try {
      await options.onLoad?.({ corpus: opened, initial, changed, removed });
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
        synonyms = await loadSynonyms(dir).catch((err: unknown) => {
          logger.error({ err }, 'synonyms.json is invalid; keeping the previous synonyms');
          return synonyms;
        });
      } else if (stamp === null) {
        if (files.delete(name)) removed.push(name);
      } else {
        await readFile(name);
        changed.push(name);
      }
    }
    for (const file of removed) logger.info({ file }, 'article file removed from the corpus');
    if (!stopped) await build(false, changed, removed, started);
    // Remembered after the new corpus is serving, so that a restart reads only what changed since.
    if (cacheFile && !stopped && (changed.length || removed.length)) await saveFilesCache(cacheFile, files, logger, options.load);
  };

  const ready = (async () => {
    const started = performance.now();
    const loaded = await loadCorpusFiles(dir, logger, options);
    files = loaded.files;
    const stamps = loaded.stamps;
    synonyms = await loadSynonyms(dir);
    await build(true, [...files.keys()], [], started, loaded.read.length);
    if (!stopped) watcher = watchCorpus(dir, stamps, applyChanges, logger, options.watch);
    return corpus as OpenedCorpus;
  })();

  return {
    ready,
    current: () => corpus,
    rescan: async () => {
      await ready;
      await watcher?.scan();
    },
    duplicates: followDuplicates(dir, () => ({ generation, files })),
    stop() {
      stopped = true;
      watcher?.stop();
      stopping.abort(new Error('the corpus was stopped'));
    },
  };
}
