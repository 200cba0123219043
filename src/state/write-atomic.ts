/**
 * Crash-safe file writes: a temp file in the same folder, fsync, rename over the old file, fsync
 * the folder. A kill -9 at any moment leaves the old or the new file, never half of one, and a
 * failed write leaves no temp file behind.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Writes `chunks` one after another to `file`, atomically and durably (creating its folder). */
export async function writeFileAtomic(file: string, chunks: readonly (string | Uint8Array)[]): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
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
  try { await dirHandle.sync(); } catch { /* some filesystems cannot fsync a folder; the rename still stands */ } finally { await dirHandle.close(); }
}
