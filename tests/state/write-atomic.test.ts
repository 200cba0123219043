import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeStaleTempFiles, writeFileAtomic } from '../../src/state/write-atomic.ts';

let dir: string;
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('atomic writes', () => {
  it('writes the chunks in order and leaves no temp file', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'brief-atomic-'));
    const file = path.join(dir, 'sub', 'out.bin');
    await writeFileAtomic(file, ['a', Buffer.from('b'), new Uint8Array([99])]);
    expect(await readFile(file, 'utf8')).toBe('abc');
    expect(await readdir(path.dirname(file))).toEqual(['out.bin']);
  });

  it('removes temp files a killed writer left behind, but not recent ones or other files', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'brief-atomic-'));
    const old = new Date(Date.now() - 60 * 60_000);
    for (const name of ['.index.bin.0a1b2c3d.tmp', '.files.json.deadbeef.tmp', 'index.bin', '.keep.tmp'])
      await writeFile(path.join(dir, name), 'x');
    for (const name of ['.index.bin.0a1b2c3d.tmp', 'index.bin', '.keep.tmp']) await utimes(path.join(dir, name), old, old);
    expect(await removeStaleTempFiles(dir)).toEqual(['.index.bin.0a1b2c3d.tmp']);
    expect((await readdir(dir)).sort()).toEqual(['.files.json.deadbeef.tmp', '.keep.tmp', 'index.bin']);
    expect(await removeStaleTempFiles(path.join(dir, 'missing'))).toEqual([]);
  });
});
