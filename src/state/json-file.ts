/**
 * Durable JSON state in STATE_DIR, written crash-safely (write-atomic.ts): a kill -9 at any moment
 * leaves the old or the new file, never half of one. A file that does not parse is set aside, never silently reset.
 */
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { writeFileAtomic } from './write-atomic.ts';

export type StateRead<T> =
  | { status: 'missing' }
  | { status: 'ok'; value: T }
  /** The file was unreadable; it has been renamed to `setAsideAs` and kept for a person to look at. */
  | { status: 'corrupt'; reason: string; setAsideAs: string };

/** Reads and validates a state file. Corrupt content is moved aside (`file.corrupt-<time>`), not deleted. */
export async function readJsonState<S extends z.ZodType>(
  file: string,
  schema: S,
  now: () => Date = () => new Date(),
): Promise<StateRead<z.infer<S>>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    throw err;
  }
  let reason: string;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    if (parsed.success) return { status: 'ok', value: parsed.data };
    reason = parsed.error.issues.map((i) => `${i.path.join('.') || 'root'}: ${i.message}`).join('; ');
  } catch (err) {
    reason = `not valid JSON: ${(err as Error).message}`;
  }
  const setAsideAs = `${file}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
  await rename(file, setAsideAs);
  return { status: 'corrupt', reason, setAsideAs };
}

/** Writes `value` as JSON to `file` atomically and durably. */
export async function writeJsonState(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, [`${JSON.stringify(value, null, 2)}\n`]);
}

/** Appends one JSON line to a log-style state file (feedback, history), creating it if needed. */
export async function appendJsonLine(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const handle = await open(file, 'a');
  try {
    await handle.writeFile(`${JSON.stringify(value)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
