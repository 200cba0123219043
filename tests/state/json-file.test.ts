import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appendJsonLine, readJsonState, writeJsonState } from '../../src/state/json-file.ts';

const schema = z.object({ seen: z.array(z.string()) });
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'brief-state-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('json state files', () => {
  it('round-trips and leaves no temp files behind', async () => {
    const file = path.join(dir, 'seen.json');
    expect(await readJsonState(file, schema)).toEqual({ status: 'missing' });
    await writeJsonState(file, { seen: ['a'] });
    await writeJsonState(file, { seen: ['a', 'b'] });
    expect(await readJsonState(file, schema)).toEqual({ status: 'ok', value: { seen: ['a', 'b'] } });
    expect(await readdir(dir)).toEqual(['seen.json']);
  });

  it('sets a corrupt file aside with the reason instead of resetting it', async () => {
    const file = path.join(dir, 'seen.json');
    await writeFile(file, '{"seen": [1, 2');
    const read = await readJsonState(file, schema, () => new Date('2025-03-03T10:00:00Z'));
    expect(read.status).toBe('corrupt');
    if (read.status !== 'corrupt') return;
    expect(read.reason).toMatch(/not valid JSON/);
    expect(await readFile(read.setAsideAs, 'utf8')).toBe('{"seen": [1, 2');
    expect(await readdir(dir)).toEqual(['seen.json.corrupt-2025-03-03T10-00-00-000Z']);
  });

  it('reports content of the wrong shape as corrupt too', async () => {
    const file = path.join(dir, 'seen.json');
    await writeFile(file, '{"seen": "nope"}');
    const read = await readJsonState(file, schema);
    expect(read.status === 'corrupt' && read.reason).toMatch(/seen/);
  });

  it('appends JSON lines', async () => {
    const file = path.join(dir, 'log.jsonl');
    await appendJsonLine(file, { a: 1 });
    await appendJsonLine(file, { b: 2 });
    expect(
      (await readFile(file, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([{ a: 1 }, { b: 2 }]);
  });
});
