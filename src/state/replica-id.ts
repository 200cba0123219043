/**
 * A replica's id, kept in STATE_DIR/replica-id: the owner of the leases it takes. The same id after
 * a restart lets a replica take back at once the work its killed predecessor held, instead of
 * waiting for the lease to run out; other replicas still wait.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './write-atomic.ts';

export const REPLICA_ID_FILE = 'replica-id';

export async function loadReplicaId(stateDir: string): Promise<string> {
  const file = path.join(stateDir, REPLICA_ID_FILE);
  const text = await readFile(file, 'utf8').catch(() => '');
  if (/^[A-Za-z0-9-]{8,64}\s*$/.test(text)) return text.trim();
  const id = randomUUID();
  await mkdir(stateDir, { recursive: true });
  await writeFileAtomic(file, [`${id}\n`]);
  return id;
}
