/**
 * Watches the corpus folder and reports the files that changed, once each is complete.
 *
 * fs.watch rather than chokidar: the corpus is one flat folder, and here fs.watch is only a
 * trigger. What changed is always decided by comparing a fresh scan (name → inode, size, times)
 * with what was loaded, so a lost or coalesced event (network file systems, Docker mounts, editors
 * that save by rename) costs at most one rescan interval, never an article. "Complete" means the
 * file held still for `settleMs`, which is what chokidar's awaitWriteFinish does by polling; a
 * file that then fails to parse is reported by the loader and gets another chance when written
 * again. A burst of files (50 copied in together) settles and loads as one batch.
 */
import { watch, type FSWatcher } from 'node:fs';
import { DEFAULTS } from '../defaults.ts';
import type { Logger } from '../logger.ts';
import { scanCorpusFiles, type FileStamps } from './load-corpus.ts';

/** File name → its new stamp, or null when it was deleted. */
export type FileChanges = Map<string, string | null>;

export interface WatchCorpusOptions {
  /** Wait after a file event before scanning, so one save's several events make one scan. Default 200 ms. */
  debounceMs?: number;
  /** How long a changed file must stay unchanged before it counts as complete. Default 1000 ms. */
  settleMs?: number;
  /** Full rescan interval: the safety net for file systems that drop events. Default 10 000 ms. */
  rescanMs?: number;
  /** Longest settled files wait for slower files of the same burst before they load anyway. Default 10 000 ms. */
  maxBatchWaitMs?: number;
  /** Clock in milliseconds. Default Date.now. */
  now?: () => number;
  /** Runs `fn` after `ms`; returns a cancel function. Default an unref'd setTimeout. */
  setTimer?: (fn: () => void, ms: number) => () => void;
}

export const DEFAULT_WATCH_CORPUS_OPTIONS: Required<WatchCorpusOptions> = {
  debounceMs: 200,
  settleMs: DEFAULTS.corpusSettleMs,
  rescanMs: 10_000,
  maxBatchWaitMs: 10_000,
  now: () => Date.now(),
  setTimer: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return () => clearTimeout(t);
  },
};

export interface CorpusWatcher {
  /** Scans now (tests, and after start-up to catch what changed while loading). */
  scan(): Promise<void>;
  stop(): void;
}

/**
 * What differs from the loaded files, and when it is complete: a change is ready once its stamp
 * held for `settleMs` (a deletion at once); a batch is handed over when nothing else of the burst
 * is still settling, or after `maxBatchWaitMs`.
 */
export function createChangeTracker(baseline: FileStamps, opts: Pick<Required<WatchCorpusOptions>, 'settleMs' | 'maxBatchWaitMs' | 'now'>) {
  const loaded = new Map(baseline);
  const pending = new Map<string, { stamp: string | null; since: number }>();
  return {
    /** Notes a scan; returns the settled changes when the batch is ready. */
    observe(current: FileStamps): FileChanges | undefined {
      const t = opts.now();
      for (const name of new Set([...loaded.keys(), ...current.keys()])) {
        const stamp = current.get(name) ?? null;
        if (stamp === (loaded.get(name) ?? null)) {
          pending.delete(name);
          continue;
        }
        if (pending.get(name)?.stamp !== stamp) pending.set(name, { stamp, since: t });
      }
      const ready = [...pending].filter(([, p]) => p.stamp === null || t - p.since >= opts.settleMs);
      const oldest = Math.min(...[...pending.values()].map((p) => p.since));
      if (ready.length === 0 || (ready.length < pending.size && t - oldest < opts.maxBatchWaitMs)) return undefined;
      for (const [name] of ready) pending.delete(name);
      return new Map(ready.map(([name, p]) => [name, p.stamp]));
    },
    /** Records changes as loaded; until then they count as changed again on the next scan. */
    loaded(changes: FileChanges) {
      for (const [name, stamp] of changes) {
        if (stamp === null) loaded.delete(name);
        else loaded.set(name, stamp);
      }
    },
    /** Milliseconds until the next pending change may be complete, or undefined when none is pending. */
    nextSettleIn(): number | undefined {
      if (pending.size === 0) return undefined;
      const t = opts.now();
      return Math.min(...[...pending.values()].map((p) => p.since + opts.settleMs - t));
    },
  };
}

export function watchCorpus(
  dir: string,
  baseline: FileStamps,
  onChange: (changes: FileChanges) => Promise<void>,
  logger: Logger,
  options: WatchCorpusOptions = {},
): CorpusWatcher {
  const opts = { ...DEFAULT_WATCH_CORPUS_OPTIONS, ...options };
  const tracker = createChangeTracker(baseline, opts);
  let timer: { at: number; cancel: () => void } | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const schedule = (ms: number) => {
    if (stopped) return;
    const at = opts.now() + ms;
    if (timer && timer.at <= at) return;
    timer?.cancel();
    timer = {
      at,
      cancel: opts.setTimer(() => {
        timer = undefined;
        void scan();
      }, ms),
    };
  };

  const scanOnce = async () => {
    let current: FileStamps;
    try {
      current = await scanCorpusFiles(dir);
    } catch (err) {
      // Keep the corpus as loaded: an unreadable folder (unmounted, renamed) is not "every article deleted".
      logger.warn({ err, dir }, 'could not scan the corpus folder; keeping the corpus as loaded');
      schedule(opts.rescanMs);
      return;
    }
    const changes = tracker.observe(current);
    if (changes) {
      try {
        await onChange(changes);
        tracker.loaded(changes);
      } catch (err) {
        logger.error({ err, dir, files: [...changes.keys()] }, 'could not load changed corpus files; will retry');
      }
    }
    const wait = tracker.nextSettleIn();
    schedule(wait === undefined ? opts.rescanMs : Math.max(10, wait));
  };

  const scan = async (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await scanOnce();
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { persistent: false }, () => schedule(opts.debounceMs));
    watcher.on('error', (err) => {
      logger.warn({ err, dir }, 'file events stopped; relying on rescans');
      watcher?.close();
    });
  } catch (err) {
    logger.warn({ err, dir }, 'cannot watch the corpus folder for events; relying on rescans');
  }
  schedule(0);

  return {
    scan,
    stop() {
      stopped = true;
      timer?.cancel();
      watcher?.close();
    },
  };
}
