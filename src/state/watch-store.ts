/** STATE_DIR/watches.json: the questions channels watch (`/brief watch`), written crash-safely. */
import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../logger.ts';
import { readJsonState, writeJsonState } from './json-file.ts';

export const WATCHES_FILE = 'watches.json';

const watchSchema = z.object({ id: z.number().int().positive(), channel: z.string(), question: z.string(), createdBy: z.string(), createdAt: z.string() });
const watchesSchema = z.object({ version: z.literal(1), nextId: z.number().int().positive(), watches: z.array(watchSchema) });

export type Watch = z.infer<typeof watchSchema>;

export interface WatchStore {
  all(): readonly Watch[];
  inChannel(channel: string): Watch[];
  add(watch: Omit<Watch, 'id' | 'createdAt'>): Promise<Watch>;
  /** Removes watch `id` if it belongs to `channel`; returns it, or undefined. */
  remove(channel: string, id: number): Promise<Watch | undefined>;
}

export async function openWatchStore(stateDir: string, logger: Logger, now: () => Date = () => new Date()): Promise<WatchStore> {
  const file = path.join(stateDir, WATCHES_FILE);
  const read = await readJsonState(file, watchesSchema, now);
  if (read.status === 'corrupt') logger.error({ file, reason: read.reason, setAsideAs: read.setAsideAs }, 'watches file is corrupt: set aside; no questions are watched until they are added again');
  let state = read.status === 'ok' ? read.value : { version: 1 as const, nextId: 1, watches: [] as Watch[] };
  let writing: Promise<void> = Promise.resolve();
  const save = () => (writing = writing.catch(() => undefined).then(() => writeJsonState(file, state)));
  return {
    all: () => state.watches,
    inChannel: (channel) => state.watches.filter((w) => w.channel === channel),
    async add(watch) {
      const added: Watch = { ...watch, id: state.nextId, createdAt: now().toISOString() };
      state = { ...state, nextId: state.nextId + 1, watches: [...state.watches, added] };
      await save();
      return added;
    },
    async remove(channel, id) {
      const found = state.watches.find((w) => w.id === id && w.channel === channel);
      if (!found) return undefined;
      state = { ...state, watches: state.watches.filter((w) => w !== found) };
      await save();
      return found;
    },
  };
}
