import { appendFile, mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusFingerprint } from '../../src/corpus/corpus-fingerprint.ts';
import { decodeIndexCache, defaultIndexCacheFile, encodeIndexCache, readIndexCache } from '../../src/corpus/index-cache.ts';
import { loadCorpus } from '../../src/corpus/load-corpus.ts';
import { openCorpus } from '../../src/corpus/open-corpus.ts';
import { createEngine } from '../../src/core/engine.ts';
import type { SearchIndexData } from '../../src/core/search-index.ts';
import type { EngineSnapshot } from '../../src/core/snapshot.ts';
import { BUNDLED_CORPUS, captureLogger, tempCorpusCopy } from '../helpers.ts';

const open = (dir: string, options = {}) => {
  const { logger, lines } = captureLogger();
  return openCorpus(dir, logger, options).then((opened) => ({ ...opened, lines }));
};
const Q = 'who ordered the pause';

describe('persisted index', () => {
  it('builds and writes the cache on first open, then serves the same answers from it', async () => {
    const dir = await tempCorpusCopy(BUNDLED_CORPUS);
    const first = await open(dir);
    expect(first.index).toBe('built');
    const second = await open(dir);
    expect(second.index).toBe('cache');
    expect(second.engine.answer(Q)).toEqual(first.engine.answer(Q));
    expect(second.engine.passages).toEqual(first.engine.passages);
  });

  it('rebuilds when an article changes, even with the same size and mtime', async () => {
    const dir = await tempCorpusCopy(BUNDLED_CORPUS);
    await open(dir);
    const names = (await readdir(dir)).filter((f) => f.endsWith('.md'));
    const file = path.join(dir, names.find((f) => f.includes('pentagon')) ?? names[0]!);
    const before = await stat(file);
    const text = await readFile(file, 'utf8');
    // Same length, same mtime, one word changed: a size/mtime key would miss this; a content key cannot.
    await writeFile(file, text.replaceAll('Hegseth', 'Hegsetx'));
    await utimes(file, before.atime, before.mtime);
    const reopened = await open(dir);
    expect(reopened.index).toBe('built');
    expect(reopened.engine.answer('Hegsetx').totalMatches).toBeGreaterThan(0);
    expect(reopened.lines.some((l) => String(l.msg).includes('rebuilding'))).toBe(true);
    expect((await open(dir)).index).toBe('cache');
  });

  it('rebuilds when an article is added or removed, or synonyms.json changes', async () => {
    const dir = await tempCorpusCopy(BUNDLED_CORPUS);
    await open(dir);
    await writeFile(path.join(dir, 'new.md'), '---\ntitle: A New Article\n---\n\nThe pause was lifted on Friday by the new director.\n');
    const added = await open(dir);
    expect(added.index).toBe('built');
    expect(added.engine.article('new')).toBeDefined();
    await rm(path.join(dir, 'new.md'));
    const removed = await open(dir);
    expect(removed.index).toBe('built');
    expect(removed.engine.article('new')).toBeUndefined();
    await writeFile(path.join(dir, 'synonyms.json'), JSON.stringify({ groups: [['pause', 'freeze']] }));
    expect((await open(dir)).index).toBe('built');
  });

  it('rebuilds when engine options change', async () => {
    const dir = await tempCorpusCopy(BUNDLED_CORPUS);
    await open(dir);
    const other = await open(dir, { engine: { passages: { maxChars: 300, targetChars: 200 } } });
    expect(other.index).toBe('built');
    expect((await open(dir, { engine: { passages: { maxChars: 300, targetChars: 200 } } })).index).toBe('cache');
  });

  it('a corrupt or truncated cache is rebuilt with one warning, never served', async () => {
    const dir = await tempCorpusCopy(BUNDLED_CORPUS);
    const built = await open(dir);
    const file = defaultIndexCacheFile(dir);
    const good = await readFile(file);
    const damagedJson = Buffer.from(good);
    damagedJson.write('{"passag"', good.indexOf(10) + 1);
    for (const bad of [
      good.subarray(0, Math.floor(good.length / 2)),
      Buffer.from('garbage'),
      damagedJson,
      good.subarray(0, good.indexOf(10) + 1),
    ]) {
      await writeFile(file, bad);
      const reopened = await open(dir);
      expect(reopened.index).toBe('built');
      expect(reopened.engine.answer(Q)).toEqual(built.engine.answer(Q));
      expect(reopened.lines.filter((l) => l.level === 40)).toHaveLength(1);
    }
    expect((await open(dir)).index).toBe('cache');
  });

  /** Opens a fresh copy (writing its cache), rewrites the cached snapshot with `damage`, and reopens it. */
  async function reopenWithDamagedSnapshot(damage: (snapshot: EngineSnapshot) => EngineSnapshot) {
    const dir = await tempCorpusCopy(BUNDLED_CORPUS);
    await open(dir);
    const file = defaultIndexCacheFile(dir);
    const bytes = await readFile(file);
    const fingerprint = (JSON.parse(bytes.toString('utf8', 0, bytes.indexOf(10))) as { fingerprint: string }).fingerprint;
    const { articles } = await loadCorpus(dir);
    const read = await decodeIndexCache(bytes, fingerprint, articles);
    if (read.status !== 'hit') throw new Error(read.status);
    // The index as data (MiniSearch's toJSON), so that `damage` can edit it.
    const { index } = read.snapshot;
    const data: SearchIndexData = 'loaded' in index ? { format: index.format, miniSearch: index.loaded.toJSON() } : index;
    await writeFile(file, encodeIndexCache(fingerprint, damage({ ...read.snapshot, index: data }), articles).join(''));
    return open(dir);
  }

  it('a cache that fits the fingerprint but not the index is rebuilt with one warning', async () => {
    const reopened = await reopenWithDamagedSnapshot((s) => ({ ...s, passages: s.passages.slice(1) }));
    expect(reopened.index).toBe('built');
    const warnings = reopened.lines.filter((l) => l.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      msg: expect.stringMatching(/unreadable/),
      reason: expect.stringMatching(/does not hold exactly these passages/),
    });
  });

  it('an index document that names no passage makes the cache unusable, not a wrong answer', async () => {
    const reopened = await reopenWithDamagedSnapshot((s) => {
      const { miniSearch } = s.index as SearchIndexData;
      (miniSearch.documentIds as Record<string, string>)['0'] = 'no-such-passage';
      return s;
    });
    expect(reopened.index).toBe('built');
    expect(reopened.lines.filter((l) => l.level === 40)).toHaveLength(1);
    expect(reopened.engine.answer(Q).results.length).toBeGreaterThan(0);
  });

  it('an index whose documents are not numbered as MiniSearch numbers them is refused', async () => {
    const reopened = await reopenWithDamagedSnapshot((s) => {
      const { miniSearch } = s.index as SearchIndexData;
      const ids = miniSearch.documentIds as Record<string, string>;
      const first = ids['0']!;
      delete ids['0'];
      ids['999999'] = first;
      return s;
    });
    expect(reopened.index).toBe('built');
    expect(reopened.lines.filter((l) => l.level === 40)).toHaveLength(1);
  });

  it("writes MiniSearch's own serialisation, a section a line, and reads it back to the same index", async () => {
    const { articles } = await loadCorpus(BUNDLED_CORPUS);
    const engine = createEngine(articles);
    const snapshot = engine.snapshot();
    const lines = encodeIndexCache('f', snapshot, articles);
    expect(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
    const { index, documentIds, fieldLength, ...rest } = (snapshot.index as SearchIndexData).miniSearch;
    expect(lines.slice(1, 4).map((l) => JSON.parse(l) as unknown)).toEqual([rest, documentIds, fieldLength]);
    expect(lines.slice(-Number(JSON.parse(lines[0]!).indexLines)).flatMap((l) => JSON.parse(l) as unknown[])).toEqual(
      JSON.parse(JSON.stringify(index)),
    );
    const read = await decodeIndexCache(Buffer.from(lines.join('')), 'f', articles);
    if (read.status !== 'hit') throw new Error(read.status);
    expect(read.snapshot.passages).toEqual(snapshot.passages);
    expect(createEngine(articles, { persistedIndex: read.snapshot }).answer(Q, { top: 5 })).toEqual(engine.answer(Q, { top: 5 }));
    expect(await decodeIndexCache(Buffer.from(lines.join('')), 'other', articles)).toEqual({ status: 'stale' });
  });

  it('stores passage texts as offsets into their articles, and texts not found there in full', async () => {
    const { articles } = await loadCorpus(BUNDLED_CORPUS);
    const engine = createEngine(articles);
    const snapshot = engine.snapshot();
    const edited = {
      ...snapshot,
      passages: snapshot.passages.map((p, i) => (i === 0 ? { ...p, text: 'A text that is in no article.' } : p)),
    };
    const bytes = Buffer.from(encodeIndexCache('f', edited, articles).join(''));
    const verbatim = snapshot.passages.filter((p) => engine.article(p.articleId)!.body.includes(p.text));
    expect(verbatim.length).toBeGreaterThan(snapshot.passages.length / 2);
    for (const p of verbatim) expect(bytes.includes(JSON.stringify(p.text)), p.id).toBe(false);
    expect(bytes.includes(JSON.stringify('A text that is in no article.'))).toBe(true);
    const read = await decodeIndexCache(bytes, 'f', articles);
    expect(read.status === 'hit' && read.snapshot.passages).toEqual(edited.passages);
    const shorter = articles.map((a) => ({ ...a, body: a.body.slice(0, 10) }));
    expect(await decodeIndexCache(bytes, 'f', shorter)).toMatchObject({
      status: 'corrupt',
      reason: expect.stringMatching(/does not fit its article/),
    });
  });

  it('a damaged shape the checks do not foresee (a null passage) is corrupt, not a crash', async () => {
    const { articles } = await loadCorpus(BUNDLED_CORPUS);
    const bytes = Buffer.from(encodeIndexCache('f', createEngine(articles).snapshot(), articles).join(''));
    // The first passage object becomes `null`, padded with spaces so that every offset stays put.
    const start = bytes.indexOf('[{', bytes.indexOf(10)) + 1;
    const end = bytes.indexOf('},', start) + 1;
    const damaged = Buffer.from(bytes);
    damaged.fill(' ', start, end).write('null', start);
    expect(await decodeIndexCache(damaged, 'f', articles)).toMatchObject({ status: 'corrupt', reason: expect.stringMatching(/damaged/) });
  });

  it('can be turned off, and writes no file then', async () => {
    const dir = await tempCorpusCopy(BUNDLED_CORPUS);
    expect((await open(dir, { indexCache: false })).index).toBe('built');
    expect((await open(dir, { indexCache: false })).index).toBe('built');
    expect(await readIndexCache(defaultIndexCacheFile(dir), 'x', [])).toEqual({ status: 'missing' });
  });

  it('still answers when the cache cannot be written', async () => {
    const dir = await tempCorpusCopy(BUNDLED_CORPUS);
    await appendFile(path.join(dir, 'blocker'), 'a file where the cache folder should be');
    const opened = await open(dir, { indexCache: path.join(dir, 'blocker', 'index.json') });
    expect(opened.index).toBe('built');
    expect(opened.engine.answer(Q).confident).toBe(true);
    expect(opened.lines.some((l) => l.msg === 'could not write the index cache')).toBe(true);
  });

  it('fingerprints the same inputs the same way, and different ones differently', async () => {
    const { articles } = await loadCorpus(BUNDLED_CORPUS);
    const a = await corpusFingerprint(articles, { analyzer: { stopWords: new Set(['b', 'a']) } });
    expect(await corpusFingerprint(articles, { analyzer: { stopWords: new Set(['a', 'b']) } })).toBe(a);
    expect(await corpusFingerprint(articles, { analyzer: { stopWords: new Set(['a']) } })).not.toBe(a);
    expect(
      await corpusFingerprint([{ ...articles[0]!, author: 'X' }, ...articles.slice(1)], { analyzer: { stopWords: new Set(['a', 'b']) } }),
    ).not.toBe(a);
  });

  it('fingerprints the same articles the same way whatever order they were read in', async () => {
    const { articles } = await loadCorpus(BUNDLED_CORPUS);
    expect(articles.length).toBeGreaterThan(1);
    expect(await corpusFingerprint([...articles].reverse(), {})).toBe(await corpusFingerprint(articles, {}));
  });

  it('leaves no temp files behind', async () => {
    const dir = await tempCorpusCopy(BUNDLED_CORPUS);
    await open(dir);
    expect((await readdir(path.dirname(defaultIndexCacheFile(dir)))).sort()).toEqual(['files.json', 'index.jsonl']);
  });

  it('removes the cache files of earlier layouts (index.bin, index.json) when it writes the new one', async () => {
    const dir = await tempCorpusCopy(BUNDLED_CORPUS);
    const cacheDir = path.dirname(defaultIndexCacheFile(dir));
    await mkdir(cacheDir, { recursive: true });
    for (const old of ['index.bin', 'index.json']) await writeFile(path.join(cacheDir, old), 'an old cache');
    expect((await open(dir)).index).toBe('built');
    expect((await readdir(cacheDir)).sort()).toEqual(['files.json', 'index.jsonl']);
  });
});
