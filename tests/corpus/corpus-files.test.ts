import { readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultFilesCacheFile, isTrusted, RACY_MS } from '../../src/corpus/corpus-files.ts';
import { openCorpus, type OpenCorpusOptions } from '../../src/corpus/open-corpus.ts';
import { startLiveCorpus } from '../../src/corpus/live-corpus.ts';
import { captureLogger, FIXTURES, tempCorpusCopy } from '../helpers.ts';

/** A clock far enough ahead that every file just written counts as settled (not "racy"). */
const later = (): Date => new Date(Date.now() + 10 * RACY_MS);

async function open(dir: string, options: OpenCorpusOptions = {}) {
  const { logger, lines } = captureLogger();
  const opened = await openCorpus(dir, logger, options);
  const indexed = lines.find((l) => l.msg === 'corpus indexed') as { read: number } | undefined;
  return { ...opened, lines, read: indexed?.read };
}

describe('corpus file cache', () => {
  it('a second start reads no unchanged file and answers the same', async () => {
    const dir = await tempCorpusCopy(path.join(FIXTURES, 'corpus-small'));
    const first = await open(dir, { now: later });
    expect(first.read).toBe(3);
    const second = await open(dir, { now: later });
    expect(second.read).toBe(0);
    expect(second.index).toBe('cache');
    expect(second.engine.articles).toEqual(first.engine.articles);
    expect(second.engine.answer('alpha')).toEqual(first.engine.answer('alpha'));
  });

  it('reads again a file whose content changed, even at the same size and mtime', async () => {
    const dir = await tempCorpusCopy(path.join(FIXTURES, 'corpus-small'));
    await open(dir, { now: later });
    const file = path.join(dir, 'beta.md');
    const before = await stat(file);
    const text = await readFile(file, 'utf8');
    const word = /\b[a-z]{6,}\b/.exec(text.split('---')[2]!)![0];
    const swapped = word.split('').reverse().join('');
    await writeFile(file, text.replaceAll(word, swapped));
    await utimes(file, before.atime, before.mtime);
    const reopened = await open(dir, { now: later });
    expect(reopened.read).toBe(1);
    expect(reopened.index).toBe('built');
    expect(reopened.engine.answer(swapped).totalMatches).toBeGreaterThan(0);
  });

  it('reads added files, forgets removed ones', async () => {
    const dir = await tempCorpusCopy(path.join(FIXTURES, 'corpus-small'));
    await open(dir, { now: later });
    await writeFile(path.join(dir, 'delta.md'), '---\ntitle: Delta\n---\n\nThe delta article, added later.\n');
    await rm(path.join(dir, 'alpha.md'));
    const reopened = await open(dir, { now: later });
    expect(reopened.read).toBe(1);
    expect(reopened.engine.articles.map((a) => a.id).sort()).toEqual(['beta', 'delta', 'gamma']);
    const cached = JSON.parse(await readFile(defaultFilesCacheFile(dir), 'utf8')) as { files: [string, unknown][] };
    expect(cached.files.map(([name]) => name).sort()).toEqual(['beta.md', 'delta.md', 'gamma.md']);
  });

  it('does not trust a file written just before it was read: it is read again next time', async () => {
    const dir = await tempCorpusCopy(path.join(FIXTURES, 'corpus-small'));
    // The real clock: the files were copied moments ago, within the racy window.
    await open(dir);
    expect((await open(dir)).read).toBe(3);
    expect(isTrusted({ stamp: `1:10:${Date.now() - 10 * RACY_MS}:${Date.now() - 10 * RACY_MS}`, statAt: Date.now(), reason: 'x' })).toBe(
      true,
    );
    expect(isTrusted({ stamp: `1:10:${Date.now() - 10 * RACY_MS}:${Date.now() - 100}`, statAt: Date.now(), reason: 'x' })).toBe(false);
  });

  it('remembers skipped files and still reports each one at every start', async () => {
    const dir = await tempCorpusCopy(path.join(FIXTURES, 'corpus-bad'));
    const first = await open(dir, { now: later });
    const second = await open(dir, { now: later });
    expect(second.read).toBe(0);
    expect(second.skipped).toEqual(first.skipped);
    expect(second.lines.filter((l) => l.msg === 'skipped corpus file')).toHaveLength(first.skipped.length);
    expect(second.engine.articles.map((a) => a.id)).toEqual(['good']);
  });

  it('an I/O error is not remembered: the file is read again at the next start', async () => {
    const dir = await tempCorpusCopy(path.join(FIXTURES, 'corpus-small'));
    // Reading /proc/self/mem from offset 0 fails with EIO on Linux: a stand-in for a flaky network mount.
    const canFail = await stat('/proc/self/mem').then(
      () => true,
      () => false,
    );
    await (canFail ? symlink('/proc/self/mem', path.join(dir, 'flaky.md')) : writeFile(path.join(dir, 'flaky.md'), Buffer.from([0])));
    // The stand-in is a link out of the corpus folder, which is only read when asked for.
    const first = await open(dir, { now: later, load: { followOutsideLinks: true } });
    expect(first.skipped.map((s) => path.basename(s.file))).toEqual(['flaky.md']);
    const second = await open(dir, { now: later, load: { followOutsideLinks: true } });
    // An I/O error keeps no stamp, so the file is read again; a verdict on content (here, on systems without /proc: binary) would stand.
    expect(second.read).toBe(canFail ? 1 : 0);
  });

  it('a damaged cache file costs one warning and a full read, never a wrong corpus', async () => {
    const dir = await tempCorpusCopy(path.join(FIXTURES, 'corpus-small'));
    const first = await open(dir, { now: later });
    const file = defaultFilesCacheFile(dir);
    const good = await readFile(file, 'utf8');
    for (const bad of ['garbage', good.slice(0, good.length / 2), good.replace('"title"', '"titel"')]) {
      await writeFile(file, bad);
      const reopened = await open(dir, { now: later });
      expect(reopened.read).toBe(3);
      expect(reopened.engine.articles).toEqual(first.engine.articles);
      expect(reopened.lines.filter((l) => l.msg === 'corpus file cache unreadable; reading every file')).toHaveLength(1);
    }
  });

  it('reads every file again when the loader options change', async () => {
    const dir = await tempCorpusCopy(path.join(FIXTURES, 'corpus-small'));
    await open(dir, { now: later });
    const small = await open(dir, { now: later, load: { maxFileBytes: 50 } });
    expect(small.read).toBe(3);
    expect(small.engine.articles).toHaveLength(0);
    expect((await open(dir, { now: later })).read).toBe(3);
  });

  it('the live corpus starts from the cache and keeps it current as files change', async () => {
    const dir = await tempCorpusCopy(path.join(FIXTURES, 'corpus-small'));
    await open(dir, { now: later });
    const { logger, lines } = captureLogger();
    const live = startLiveCorpus(dir, logger, { now: later, watch: { debounceMs: 10, settleMs: 50, rescanMs: 60_000 } });
    try {
      await live.ready;
      expect(lines.find((l) => l.msg === 'corpus indexed')?.read).toBe(0);
      await writeFile(path.join(dir, 'delta.md'), '---\ntitle: Delta\n---\n\nThe delta article, added while running.\n');
      for (let i = 0; i < 100 && !live.current()?.engine.article('delta'); i++) {
        await live.rescan();
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(live.current()?.engine.article('delta')).toBeDefined();
      // The cache is written once the new corpus is serving.
      await expect
        .poll(async () => (await readFile(defaultFilesCacheFile(dir), 'utf8')).includes('"delta.md"'), { timeout: 3000 })
        .toBe(true);
    } finally {
      live.stop();
    }
    const reopened = await open(dir, { now: later });
    expect(reopened.read).toBe(0);
    expect(reopened.engine.article('delta')?.title).toBe('Delta');
  });
});
