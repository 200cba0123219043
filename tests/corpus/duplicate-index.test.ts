import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNearDuplicateIndex, findNearDuplicates } from '../../src/core/near-duplicates.ts';
import type { Article } from '../../src/core/types.ts';
import { createDuplicateIndex, followDuplicates, type LoadedFiles } from '../../src/corpus/duplicate-index.ts';
import type { CorpusFileEntry } from '../../src/corpus/load-corpus.ts';

const DIR = '/corpus';
/** Files written through the index are on disk until a test says otherwise. */
const ON_DISK = () => true;
const words = (seed: string, n = 60) => Array.from({ length: n }, (_, i) => `${seed}${i % 7 === 0 ? '' : i}`).join(' ');
const BODY_A = `${words('alpha')}.`;
const BODY_B = `${words('bravo')}.`;
const BODY_C = `${words('charlie')}.`;
const article = (id: string, body: string, url?: string): Article => ({ id, title: id, body, ...(url ? { url } : {}) });
const entry = (a: Article): CorpusFileEntry => ({ stamp: 's', statAt: 0, article: a });

/** A live corpus stand-in: `load()` replaces the files and counts a generation, as live-corpus.ts does. */
function fakeLive(initial: Record<string, Article>) {
  let loaded: LoadedFiles = { generation: 1, files: new Map(Object.entries(initial).map(([n, a]) => [n, entry(a)])) };
  return {
    get: () => loaded,
    load(files: Record<string, Article | 'skipped'>) {
      const toEntry = (a: Article | 'skipped'): CorpusFileEntry => (a === 'skipped' ? { stamp: 's', statAt: 0, reason: 'bad' } : entry(a));
      loaded = { generation: loaded.generation + 1, files: new Map(Object.entries(files).map(([n, a]) => [n, toEntry(a)])) };
    },
  };
}

describe('createNearDuplicateIndex', () => {
  it('gives what findNearDuplicates gives, text by text; find adds nothing', () => {
    const texts = [BODY_A, BODY_B, `${BODY_A} extra`, BODY_C, BODY_B, `${BODY_C}!`];
    const index = createNearDuplicateIndex(0.8);
    expect(index.find(BODY_A)).toBeUndefined();
    expect(index.size).toBe(0);
    expect(texts.map((t) => index.add(t))).toEqual(findNearDuplicates(texts, 0.8));
    expect(findNearDuplicates(texts, 0.8)).toEqual([undefined, undefined, 0, undefined, 1, 3]);
    expect(index.find(`${BODY_B} more`)).toBe(1);
  });
});

describe('createDuplicateIndex', () => {
  it('finds the same canonical URL first, then near-identical text, and holds what is added', () => {
    const index = createDuplicateIndex([['/corpus/a.md', article('a', BODY_A, 'https://www.x.example/a/?utm_source=feed')]]);
    expect(index.findDuplicate({ url: 'http://x.example/a', body: BODY_C })).toEqual({ file: '/corpus/a.md', reason: 'same-url' });
    expect(index.findDuplicate({ body: `${BODY_A} extra` })).toEqual({ file: '/corpus/a.md', reason: 'near-identical-text' });
    expect(index.findDuplicate({ body: BODY_B })).toBeUndefined();
    index.add('/corpus/b.md', { body: BODY_B });
    expect(index.findDuplicate({ body: BODY_B })).toEqual({ file: '/corpus/b.md', reason: 'near-identical-text' });
  });
});

describe('followDuplicates', () => {
  it('extends itself per added article, keeps it until a load has it, and appends what a load adds', () => {
    const live = fakeLive({ 'a.md': article('a', BODY_A) });
    const index = followDuplicates(DIR, live.get, undefined, ON_DISK);
    expect(index.findDuplicate({ body: BODY_A })).toEqual({ file: path.join(DIR, 'a.md'), reason: 'near-identical-text' });
    index.add(path.join(DIR, 'b.md'), { body: BODY_B });
    expect(index.findDuplicate({ body: BODY_B })?.file).toBe(path.join(DIR, 'b.md'));
    // A load that has not seen b.md yet (the watcher is still settling) keeps it; c.md, added by hand, counts.
    live.load({ 'a.md': article('a', BODY_A), 'c.md': article('c', BODY_C) });
    expect(index.findDuplicate({ body: BODY_B })?.file).toBe(path.join(DIR, 'b.md'));
    expect(index.findDuplicate({ body: BODY_C })?.file).toBe(path.join(DIR, 'c.md'));
  });

  it('rebuilds from the loaded articles when a file was deleted, edited or became unreadable', () => {
    const b = article('b', BODY_B, 'https://x.example/b');
    const live = fakeLive({ 'a.md': article('a', BODY_A), 'b.md': b, 'c.md': article('c', BODY_C) });
    const index = followDuplicates(DIR, live.get, undefined, ON_DISK);
    expect(index.findDuplicate({ body: BODY_A })).toBeDefined();
    index.add(path.join(DIR, 'd.md'), { body: 'delta '.repeat(40) });
    // a.md deleted, b.md's URL edited, c.md no longer an article; d.md, written, not loaded yet.
    live.load({ 'b.md': article('b', BODY_B, 'https://x.example/b2'), 'c.md': 'skipped' });
    expect(index.findDuplicate({ body: BODY_A })).toBeUndefined();
    expect(index.findDuplicate({ url: 'https://x.example/b', body: 'unrelated words here' })).toBeUndefined();
    expect(index.findDuplicate({ url: 'https://x.example/b2', body: 'unrelated words here' })).toEqual({
      file: path.join(DIR, 'b.md'),
      reason: 'same-url',
    });
    expect(index.findDuplicate({ body: BODY_C })).toBeUndefined();
    expect(index.findDuplicate({ body: 'delta '.repeat(40) })?.file).toBe(path.join(DIR, 'd.md'));
  });

  it('drops an article written through it whose file was deleted before any load saw it', () => {
    const onDisk = new Set<string>();
    const live = fakeLive({ 'a.md': article('a', BODY_A) });
    const index = followDuplicates(DIR, live.get, undefined, (file) => onDisk.has(file));
    index.add(path.join(DIR, 'b.md'), { body: BODY_B, url: 'https://x.example/b' });
    onDisk.add(path.join(DIR, 'c.md'));
    index.add(path.join(DIR, 'c.md'), { body: BODY_C });
    expect(index.findDuplicate({ body: BODY_B })?.file).toBe(path.join(DIR, 'b.md'));
    // A load without either: b.md is gone from disk, c.md is still there (the load listed the folder before it was written).
    live.load({ 'a.md': article('a', BODY_A) });
    expect(index.findDuplicate({ body: BODY_B })).toBeUndefined();
    expect(index.findDuplicate({ url: 'https://x.example/b', body: 'unrelated words here' })).toBeUndefined();
    expect(index.findDuplicate({ body: BODY_C })?.file).toBe(path.join(DIR, 'c.md'));
    expect(index.findDuplicate({ body: BODY_A })?.file).toBe(path.join(DIR, 'a.md'));
  });
});
