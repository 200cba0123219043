/**
 * What Brief has seen of the corpus and the outbox of alerts to post, in the state database.
 *
 * "These articles are seen" and "these alerts are to be posted" are recorded in one transaction:
 * a kill -9 leaves either neither (the next start plans the same alerts again) or both (the next
 * start posts what is left). An entry goes pending → posting (written before the call to Slack) →
 * sent (written after). An entry found in `posting` may or may not have reached Slack; the sender
 * checks the channel for its alert id before posting it again.
 *
 * Replicas: alert ids are deterministic, so two replicas planning the same alert queue it once; a
 * replica posts an entry only while it holds its lease (`claim`), renewed while it works, so a
 * replica killed mid-post leaves the entry to another once the lease runs out.
 */
import type { KnownArticle } from '../core/article-alerts.ts';
import type { Database, Db } from './db-schema.ts';
import type { OpenedDatabase } from './open-database.ts';

/** Sent entries kept for the record (and for the history check); older ones are dropped. Default 500. */
export const DEFAULT_KEEP_SENT = 500;
/** Meta key set by the first commit: later starts are not first starts. */
export const ALERT_BASELINE_KEY = 'alerts.baseline';

export type OutboxStatus = 'pending' | 'posting' | 'sent' | 'failed';

export interface OutboxEntry {
  /** Deterministic: channel + what it covers, so planning the same alert twice gives the same id. */
  id: string;
  channel: string;
  kind: 'article' | 'digest' | 'watch';
  /** `articleId@hash` for each article version it announces. */
  covers: string[];
  createdAt: string;
  status: OutboxStatus;
  attempts: number;
  postingSince?: string;
  ts?: string;
  error?: string;
  message: { text: string; blocks: Record<string, unknown>[] };
}

export type OutboxDraft = Pick<OutboxEntry, 'id' | 'channel' | 'kind' | 'covers' | 'message'>;
export type OutboxPatch = Partial<Pick<OutboxEntry, 'status' | 'attempts' | 'postingSince' | 'ts' | 'error'>>;

export interface AlertStore {
  /** True while nothing was ever committed: the corpus as found is recorded as seen, not announced. */
  firstStart(): Promise<boolean>;
  known(): Promise<Record<string, KnownArticle>>;
  /** Records the next known articles and queues the drafts (an id already queued is not queued again), in one transaction. */
  commit(known: Record<string, KnownArticle>, drafts: readonly OutboxDraft[]): Promise<OutboxEntry[]>;
  update(id: string, patch: OutboxPatch): Promise<void>;
  /** Entries not yet known to be sent or failed, oldest first. */
  unsent(): Promise<OutboxEntry[]>;
  entry(id: string): Promise<OutboxEntry | undefined>;
  /** Takes (or renews) the right to post `id` until `until`, if it is unsent and nobody else holds it. */
  claim(id: string, owner: string, until: Date): Promise<boolean>;
  release(id: string, owner: string): Promise<void>;
}

type Row = Database['alert_outbox'];

const toEntry = (r: Row): OutboxEntry => ({
  id: r.id,
  channel: r.channel,
  kind: r.kind as OutboxEntry['kind'],
  covers: JSON.parse(r.covers) as string[],
  createdAt: r.created_at,
  status: r.status as OutboxStatus,
  attempts: Number(r.attempts),
  ...(r.posting_since ? { postingSince: r.posting_since } : {}),
  ...(r.ts ? { ts: r.ts } : {}),
  ...(r.error ? { error: r.error } : {}),
  message: JSON.parse(r.message) as OutboxEntry['message'],
});

/** An entry as a row (also used by the JSON import). */
export const toOutboxRow = (e: OutboxEntry, seq: number): Row => ({
  id: e.id,
  seq,
  channel: e.channel,
  kind: e.kind,
  covers: JSON.stringify(e.covers),
  created_at: e.createdAt,
  status: e.status,
  attempts: e.attempts,
  posting_since: e.postingSince ?? null,
  ts: e.ts ?? null,
  error: e.error ?? null,
  message: JSON.stringify(e.message),
  lease_owner: null,
  lease_until: null,
});

/** Takes `n` numbers from a named counter, atomically: returns the first. */
export async function takeNumbers(tx: Db, name: string, n: number): Promise<number> {
  const row = await tx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', n) }))
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value) - n + 1;
}

/** Upserts and deletes so that alert_articles holds exactly `known`. */
async function replaceKnown(tx: Db, known: Record<string, KnownArticle>): Promise<void> {
  const current = new Map((await tx.selectFrom('alert_articles').selectAll().execute()).map((r) => [r.article_id, r]));
  const gone = [...current.keys()].filter((id) => !(id in known));
  for (let i = 0; i < gone.length; i += 500)
    await tx
      .deleteFrom('alert_articles')
      .where('article_id', 'in', gone.slice(i, i + 500))
      .execute();
  const changed = Object.entries(known)
    .filter(([id, k]) => current.get(id)?.seen !== k.seen || current.get(id)?.basis !== k.basis)
    .map(([article_id, k]) => ({ article_id, seen: k.seen, basis: k.basis }));
  for (let i = 0; i < changed.length; i += 300) {
    await tx
      .insertInto('alert_articles')
      .values(changed.slice(i, i + 300))
      .onConflict((oc) => oc.column('article_id').doUpdateSet((eb) => ({ seen: eb.ref('excluded.seen'), basis: eb.ref('excluded.basis') })))
      .execute();
  }
}

export function createAlertStore(database: OpenedDatabase, options: { now?: () => Date; keepSent?: number } = {}): AlertStore {
  const { db } = database;
  const now = options.now ?? (() => new Date());
  const keepSent = options.keepSent ?? DEFAULT_KEEP_SENT;
  const unsentRows = () => db.selectFrom('alert_outbox').selectAll().where('status', 'in', ['pending', 'posting']).orderBy('seq').execute();

  return {
    async firstStart() {
      return !(await db.selectFrom('meta').select('key').where('key', '=', ALERT_BASELINE_KEY).executeTakeFirst());
    },
    async known() {
      const rows = await db.selectFrom('alert_articles').selectAll().execute();
      return Object.fromEntries(rows.map((r) => [r.article_id, { seen: r.seen, basis: r.basis }]));
    },
    commit: (known, drafts) =>
      database.transaction(async (tx) => {
        await replaceKnown(tx, known);
        await tx
          .insertInto('meta')
          .values({ key: ALERT_BASELINE_KEY, value: now().toISOString() })
          .onConflict((oc) => oc.column('key').doNothing())
          .execute();
        const added: OutboxEntry[] = [];
        const createdAt = now().toISOString();
        for (const d of drafts) {
          const entry: OutboxEntry = { ...d, createdAt, status: 'pending', attempts: 0 };
          const seq = await takeNumbers(tx, 'outbox', 1);
          const inserted = await tx
            .insertInto('alert_outbox')
            .values(toOutboxRow(entry, seq))
            .onConflict((oc) => oc.column('id').doNothing())
            .returning('id')
            .executeTakeFirst();
          if (inserted) added.push(entry);
        }
        const cutoff = await tx
          .selectFrom('alert_outbox')
          .select('seq')
          .where('status', '=', 'sent')
          .orderBy('seq', 'desc')
          .offset(keepSent)
          .limit(1)
          .executeTakeFirst();
        if (cutoff) await tx.deleteFrom('alert_outbox').where('status', '=', 'sent').where('seq', '<=', cutoff.seq).execute();
        return added;
      }),
    async update(id, patch) {
      const set: Partial<Row> = {
        ...(patch.status ? { status: patch.status } : {}),
        ...(patch.attempts !== undefined ? { attempts: patch.attempts } : {}),
        ...(patch.postingSince !== undefined ? { posting_since: patch.postingSince } : {}),
        ...(patch.ts !== undefined ? { ts: patch.ts } : {}),
        ...(patch.error !== undefined ? { error: patch.error } : {}),
      };
      if (Object.keys(set).length) await db.updateTable('alert_outbox').set(set).where('id', '=', id).execute();
    },
    unsent: async () => (await unsentRows()).map(toEntry),
    async entry(id) {
      const row = await db.selectFrom('alert_outbox').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toEntry(row) : undefined;
    },
    async claim(id, owner, until) {
      const at = now().toISOString();
      // One conditional UPDATE: atomic on both databases, so two replicas never both hold it.
      const res = await db
        .updateTable('alert_outbox')
        .set({ lease_owner: owner, lease_until: until.toISOString() })
        .where('id', '=', id)
        .where('status', 'in', ['pending', 'posting'])
        .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_owner', '=', owner), eb('lease_until', '<=', at)]))
        .executeTakeFirst();
      return Number(res.numUpdatedRows) > 0;
    },
    async release(id, owner) {
      await db
        .updateTable('alert_outbox')
        .set({ lease_owner: null, lease_until: null })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .execute();
    },
  };
}
