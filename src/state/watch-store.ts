/** The questions channels watch (`/brief watch`), shared by every replica through the database. */
import { takeNumbers } from './alert-store.ts';
import type { Database } from './db-schema.ts';
import type { OpenedDatabase } from './open-database.ts';

export interface Watch {
  id: number;
  channel: string;
  question: string;
  createdBy: string;
  createdAt: string;
}

export interface WatchStore {
  all(): Promise<Watch[]>;
  inChannel(channel: string): Promise<Watch[]>;
  add(watch: Omit<Watch, 'id' | 'createdAt'>): Promise<Watch>;
  /** Removes watch `id` if it belongs to `channel`; returns it, or undefined. */
  remove(channel: string, id: number): Promise<Watch | undefined>;
}

const toWatch = (r: Database['watches']): Watch => ({
  id: Number(r.id),
  channel: r.channel,
  question: r.question,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export function createWatchStore(database: OpenedDatabase, now: () => Date = () => new Date()): WatchStore {
  const { db } = database;
  return {
    all: async () => (await db.selectFrom('watches').selectAll().orderBy('id').execute()).map(toWatch),
    inChannel: async (channel) =>
      (await db.selectFrom('watches').selectAll().where('channel', '=', channel).orderBy('id').execute()).map(toWatch),
    add: (watch) =>
      database.transaction(async (tx) => {
        // Numbers are never reused, so `unwatch 3` never removes a newer watch someone else added.
        const id = await takeNumbers(tx, 'watch', 1);
        const added: Watch = { ...watch, id, createdAt: now().toISOString() };
        await tx
          .insertInto('watches')
          .values({ id, channel: added.channel, question: added.question, created_by: added.createdBy, created_at: added.createdAt })
          .execute();
        return added;
      }),
    async remove(channel, id) {
      const row = await db.deleteFrom('watches').where('id', '=', id).where('channel', '=', channel).returningAll().executeTakeFirst();
      return row ? toWatch(row) : undefined;
    },
  };
}
