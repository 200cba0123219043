import { appendFile, mkdtemp, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLiveCorpus, type CorpusLoad, type LiveCorpus } from '../../src/corpus/live-corpus.ts';
import { scanCorpusFiles } from '../../src/corpus/load-corpus.ts';
import { watchCorpus, type CorpusWatcher, type FileChanges, type WatchCorpusOptions } from '../../src/corpus/watch-corpus.ts';
import { captureLogger } from '../helpers.ts';

// Short timings: the logic is the same at 1000 ms settle, the suite stays fast.
const FAST = { debounceMs: 20, settleMs: 150, rescanMs: 5000, maxBatchWaitMs: 3000 };
const article = (title: string, body = `${title} body text about the bridge.`) => `---\ntitle: ${title}\n---\n\n${body}\n`;

let dir: string;
const stops: (() => void)[] = [];
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'brief-watch-'));
});
afterEach(async () => {
  for (const s of stops.splice(0)) s();
  await rm(dir, { recursive: true, force: true });
});

async function watching(options: WatchCorpusOptions = FAST) {
  const batches: FileChanges[] = [];
  const contents: Record<string, string>[] = [];
  const { logger, lines } = captureLogger();
  const watcher: CorpusWatcher = watchCorpus(
    dir,
    await scanCorpusFiles(dir),
    async (changes) => {
      batches.push(changes);
      const seen: Record<string, string> = {};
      for (const [name, stamp] of changes) if (stamp) seen[name] = await readFile(path.join(dir, name), 'utf8');
      contents.push(seen);
    },
    logger,
    options,
  );
  stops.push(() => watcher.stop());
  return { batches, contents, lines, watcher };
}

describe('watchCorpus', () => {
  it('reports a file once, complete, after rapid successive saves', async () => {
    // The watcher's clock runs with the real one until `ahead` moves it past every settle window.
    let ahead = 0;
    const { batches, contents, watcher } = await watching({ ...FAST, now: () => Date.now() + ahead });
    const file = path.join(dir, 'a.md');
    await writeFile(file, '---\ntitle: Half');
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 30));
      await appendFile(file, i === 4 ? '\n---\n\nDone.\n' : ` more${i}`);
    }
    await expect.poll(() => batches.length, { timeout: 3000 }).toBe(1);
    expect(contents[0]?.['a.md']).toMatch(/Done\.\n$/);
    // Two scans, the watcher's clock past every settle window before each: whatever was still
    // settling, or is seen as changed only now, would be reported by the second.
    for (const step of [1, 2]) {
      ahead = step * 10 * FAST.maxBatchWaitMs;
      await watcher.scan();
    }
    expect(batches).toHaveLength(1);
  });

  it('ignores editor temp and hidden files', async () => {
    const { batches } = await watching();
    for (const name of ['.a.md.swp', 'b.md~', '#c.md#', '.hidden.md', 'notes.txt', 'd.md.tmp'])
      await writeFile(path.join(dir, name), article('Temp'));
    await writeFile(path.join(dir, 'real.md'), article('Real'));
    await expect.poll(() => batches.length, { timeout: 3000 }).toBe(1);
    expect([...batches[0]!.keys()]).toEqual(['real.md']);
  });

  it('loads a burst of files as one batch, and reports deletions', async () => {
    const { batches, contents } = await watching();
    await Promise.all(Array.from({ length: 30 }, (_, i) => writeFile(path.join(dir, `burst-${i}.md`), article(`Burst ${i}`))));
    // Until the batch is read in full: deleting a file the handler is still reading would fail that load.
    await expect.poll(() => contents.length, { timeout: 3000 }).toBe(1);
    expect(batches[0]!.size).toBe(30);
    await unlink(path.join(dir, 'burst-3.md'));
    await expect.poll(() => batches.length, { timeout: 3000 }).toBe(2);
    expect([...batches[1]!]).toEqual([['burst-3.md', null]]);
  });

  it('finds changes by rescanning when no file event arrives', async () => {
    const { batches } = await watching({ ...FAST, debounceMs: 60_000, rescanMs: 50 });
    await writeFile(path.join(dir, 'quiet.md'), article('Quiet'));
    await expect.poll(() => batches.length, { timeout: 3000 }).toBe(1);
  });

  it('keeps the corpus when the folder cannot be read, instead of deleting every article', async () => {
    await writeFile(path.join(dir, 'kept.md'), article('Kept'));
    const { batches, lines, watcher } = await watching();
    const away = `${dir}-away`;
    await rename(dir, away);
    try {
      await watcher.scan();
      expect(lines.some((l) => l.msg === 'could not scan the corpus folder; keeping the corpus as loaded')).toBe(true);
      expect(batches).toEqual([]);
    } finally {
      await rename(away, dir);
    }
  });
});

describe('startLiveCorpus', () => {
  let live: LiveCorpus;
  afterEach(() => live?.stop());

  it('indexes a new article without a restart, skips a malformed one with its reason, and drops a deleted one', async () => {
    await writeFile(path.join(dir, 'first.md'), article('First Article'));
    const loads: CorpusLoad[] = [];
    const { logger, lines } = captureLogger();
    live = startLiveCorpus(dir, logger, {
      watch: FAST,
      onLoad: (l) => {
        loads.push(l);
      },
    });
    const initial = await live.ready;
    expect(initial.engine.stats().articles).toBe(1);
    expect(loads[0]?.initial).toBe(true);

    await writeFile(path.join(dir, 'ferry.md'), article('Ferry News', 'Ferries will keep running while the bridge is built.'));
    await expect.poll(() => live.current()?.engine.stats().articles, { timeout: 3000 }).toBe(2);
    expect(live.current()?.engine.answer('will ferries keep running').results[0]?.article.id).toBe('ferry');

    await writeFile(path.join(dir, 'broken.md'), '---\ntitle: [unclosed\n---\n\nBody.\n');
    await expect.poll(() => lines.find((l) => l.msg === 'skipped corpus file')?.reason, { timeout: 3000 }).toMatch(/not valid YAML/);
    expect(live.current()?.engine.stats().articles).toBe(2);

    await unlink(path.join(dir, 'ferry.md'));
    await expect.poll(() => live.current()?.engine.stats().articles, { timeout: 3000 }).toBe(1);
    expect(loads.at(-1)?.removed).toEqual(['ferry.md']);
  });
});

describe('createChangeTracker', () => {
  it('hands over a change only once it has held still, and a burst as one batch', async () => {
    const { createChangeTracker } = await import('../../src/corpus/watch-corpus.ts');
    let t = 0;
    const tracker = createChangeTracker(new Map([['old.md', 's0']]), { settleMs: 100, maxBatchWaitMs: 1000, now: () => t });
    expect(
      tracker.observe(
        new Map([
          ['old.md', 's0'],
          ['a.md', 'a1'],
        ]),
      ),
    ).toBeUndefined();
    t = 60;
    expect(
      tracker.observe(
        new Map([
          ['old.md', 's0'],
          ['a.md', 'a2'],
          ['b.md', 'b1'],
        ]),
      ),
    ).toBeUndefined(); // a.md still growing
    expect(tracker.nextSettleIn()).toBe(100);
    t = 170;
    const batch = tracker.observe(
      new Map([
        ['old.md', 's0'],
        ['a.md', 'a2'],
        ['b.md', 'b1'],
      ]),
    )!;
    expect([...batch]).toEqual([
      ['a.md', 'a2'],
      ['b.md', 'b1'],
    ]);
    tracker.loaded(batch);
    // A deletion needs no settling.
    expect([
      ...tracker.observe(
        new Map([
          ['a.md', 'a2'],
          ['b.md', 'b1'],
        ]),
      )!,
    ]).toEqual([['old.md', null]]);
  });

  it('stops waiting for a file that never settles after the batch limit', async () => {
    const { createChangeTracker } = await import('../../src/corpus/watch-corpus.ts');
    let t = 0;
    const tracker = createChangeTracker(new Map(), { settleMs: 100, maxBatchWaitMs: 1000, now: () => t });
    tracker.observe(
      new Map([
        ['done.md', 'd'],
        ['log.md', 'l0'],
      ]),
    );
    for (t = 200; t < 1000; t += 200)
      expect(
        tracker.observe(
          new Map([
            ['done.md', 'd'],
            ['log.md', `l${t}`],
          ]),
        ),
      ).toBeUndefined();
    t = 1000;
    expect([
      ...tracker
        .observe(
          new Map([
            ['done.md', 'd'],
            ['log.md', 'l-last'],
          ]),
        )!
        .keys(),
    ]).toEqual(['done.md']);
  });
});
