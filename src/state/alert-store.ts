/**
 * STATE_DIR/alerts.json: what Brief has seen of the corpus and the outbox of alerts to post.
 *
 * One file, so "these articles are seen" and "these alerts are to be posted" are recorded by one
 * atomic write: a kill -9 leaves either neither (the next start plans the same alerts again) or
 * both (the next start posts what is left). An entry goes pending → posting (written before the
 * call to Slack) → sent (written after). An entry found in `posting` at start may or may not have
 * reached Slack; the sender checks the channel for its alert id before posting it again.
 */
import path from 'node:path';
import { z } from 'zod';
import type { KnownArticle } from '../core/article-alerts.ts';
import type { Logger } from '../logger.ts';
import { readJsonState, writeJsonState } from './json-file.ts';

export const ALERT_STATE_FILE = 'alerts.json';
/** Sent entries kept for the record (and for the history check); older ones are dropped. Default 500. */
export const DEFAULT_KEEP_SENT = 500;

const outboxEntrySchema = z.object({
  /** Deterministic: channel + what it covers, so planning the same alert twice gives the same id. */
  id: z.string(),
  channel: z.string(),
  kind: z.enum(['article', 'digest', 'watch']),
  /** `articleId@hash` for each article version it announces. */
  covers: z.array(z.string()),
  createdAt: z.string(),
  status: z.enum(['pending', 'posting', 'sent', 'failed']),
  attempts: z.number().int().nonnegative(),
  postingSince: z.string().optional(),
  ts: z.string().optional(),
  error: z.string().optional(),
  message: z.object({ text: z.string(), blocks: z.array(z.record(z.string(), z.unknown())) }),
});

const alertStateSchema = z.object({
  version: z.literal(1),
  articles: z.record(z.string(), z.object({ seen: z.string(), basis: z.string() })),
  outbox: z.array(outboxEntrySchema),
});

export type OutboxEntry = z.infer<typeof outboxEntrySchema>;
export type OutboxDraft = Pick<OutboxEntry, 'id' | 'channel' | 'kind' | 'covers' | 'message'>;
type AlertState = z.infer<typeof alertStateSchema>;

export interface AlertStore {
  /** True when there was no usable state: the corpus as found is recorded as seen, not announced. */
  readonly firstStart: boolean;
  known(): Readonly<Record<string, KnownArticle>>;
  /** Records the next known articles and queues the drafts (an id already queued is not queued again), in one write. */
  commit(known: Record<string, KnownArticle>, drafts: readonly OutboxDraft[]): Promise<OutboxEntry[]>;
  update(id: string, patch: Partial<Pick<OutboxEntry, 'status' | 'attempts' | 'postingSince' | 'ts' | 'error'>>): Promise<void>;
  /** Entries not yet known to be sent or failed, oldest first. */
  unsent(): OutboxEntry[];
  entry(id: string): OutboxEntry | undefined;
}

export async function openAlertStore(stateDir: string, logger: Logger, options: { now?: () => Date; keepSent?: number } = {}): Promise<AlertStore> {
  const now = options.now ?? (() => new Date());
  const file = path.join(stateDir, ALERT_STATE_FILE);
  const read = await readJsonState(file, alertStateSchema, now);
  if (read.status === 'corrupt') {
    logger.error({ file, reason: read.reason, setAsideAs: read.setAsideAs }, 'alert state is corrupt: set aside; the corpus as it is now is recorded as seen and not announced, and alerts not yet posted from the old file are lost');
  }
  let state: AlertState = read.status === 'ok' ? read.value : { version: 1, articles: {}, outbox: [] };
  const firstStart = read.status !== 'ok';
  let writing: Promise<void> = Promise.resolve();
  // Writes are chained so the file always moves forward, one whole state at a time.
  const save = () => (writing = writing.catch(() => undefined).then(() => writeJsonState(file, state)));
  const prune = (outbox: OutboxEntry[]) => {
    const sent = outbox.filter((e) => e.status === 'sent');
    const drop = new Set(sent.slice(0, Math.max(0, sent.length - (options.keepSent ?? DEFAULT_KEEP_SENT))).map((e) => e.id));
    return outbox.filter((e) => !drop.has(e.id));
  };

  return {
    firstStart,
    known: () => state.articles,
    async commit(known, drafts) {
      const ids = new Set(state.outbox.map((e) => e.id));
      const added = drafts.filter((d) => !ids.has(d.id)).map((d): OutboxEntry => ({ ...d, createdAt: now().toISOString(), status: 'pending', attempts: 0 }));
      state = { ...state, articles: known, outbox: prune([...state.outbox, ...added]) };
      await save();
      return added;
    },
    async update(id, patch) {
      state = { ...state, outbox: state.outbox.map((e) => (e.id === id ? { ...e, ...patch } : e)) };
      await save();
    },
    unsent: () => state.outbox.filter((e) => e.status === 'pending' || e.status === 'posting'),
    entry: (id) => state.outbox.find((e) => e.id === id),
  };
}
