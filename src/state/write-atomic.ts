/**
 * Crash-safe file writes: a temp file in the same folder, fsync, rename over the old file, fsync
 * the folder. A kill -9 at any moment leaves the old or the new file, never half of one, and a
 * failed write leaves no temp file behind.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** Writes `chunks` one after another to `file`, atomically and durably (creating its folder). */
export async function writeFileAtomic(file: string, chunks: readonly (string | Uint8Array)[]): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  // (TEMP_FILE below matches these names.)
  const handle = await open(temp, 'w');
  try {
    for (const chunk of chunks) await handle.writeFile(chunk);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(temp, { force: true });
    throw err;
  }
  await handle.close();
  await rename(temp, file);
  const dirHandle = await open(dir, 'r');
  try {
    await dirHandle.sync();
  } catch {
    /* some filesystems cannot fsync a folder; the rename still stands */
  } finally {
    await dirHandle.close();
  }
}

const TEMP_FILE = /^\..+\.[0-9a-f]{8}\.tmp$/;

/**
 * Removes temp files a killed writer left in `dir` (a process stopped mid-write leaves one; its
 * rename never happened). Only those older than `olderThanMs`, so another process's write in
 * progress is left alone. Returns the names removed; a folder that does not exist has none.
 */
export async function removeStaleTempFiles(dir: string, olderThanMs = 10 * 60_000, now = Date.now()): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names.filter((n) => TEMP_FILE.test(n))) {
    const info = await stat(path.join(dir, name)).catch(() => undefined);
    if (info && now - info.mtimeMs > olderThanMs) {
      await rm(path.join(dir, name), { force: true });
      removed.push(name);
    }
  }
  return removed;
}
