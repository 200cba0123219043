/**
 * Posts the outbox, each entry once. Before calling Slack an entry is marked `posting`; after,
 * `sent` with the message ts. Every post carries its alert id in the message metadata. When the
 * outcome of a post is unknown (the process died mid-call, or the reply was lost), the channel's
 * recent history is searched for that id before posting again, so a retry never doubles a post.
 * When Slack answered (429, or ok:false), nothing was posted and no check is needed.
 *
 * Replicas share the outbox: an attempt runs only while this replica holds the entry's lease in
 * the database (renewed every third of it while the attempt lasts), so two replicas never post
 * one entry at once, and the entry of a replica killed mid-post is taken over once its lease ends.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../logger.ts';
import type { AlertStore, OutboxEntry } from '../../state/alert-store.ts';
import { classifyCallError } from '../post/call-outcome.ts';
import { abortableSleep, QueueClosedError, type PostQueue } from './post-queue.ts';

export const ALERT_EVENT_TYPE = 'brief_alert';

export interface AlertSenderOptions {
  /** First wait after a failed post without a reply from Slack; doubles per attempt. Default 2000 ms. */
  backoffMs?: number;
  /** Longest wait between attempts. Default 60 000 ms. */
  maxBackoffMs?: number;
  /** History is searched from this long before the post attempt (clock skew). Default 10 minutes. */
  historyMarginMs?: number;
  /** Pages of history (200 messages each) searched for an unconfirmed post. Default 5. */
  historyPages?: number;
  /** How long a claim on an entry lasts unless renewed. Default 15 000 ms (another replica takes over within that). */
  leaseMs?: number;
  /** Who holds the leases: this replica's id. Default a fixed `local`. */
  owner?: string;
  now?: () => Date;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export const DEFAULT_ALERT_SENDER_OPTIONS: Required<AlertSenderOptions> = {
  backoffMs: 2000,
  maxBackoffMs: 60_000,
  historyMarginMs: 10 * 60_000,
  historyPages: 5,
  leaseMs: 15_000,
  owner: 'local',
  now: () => new Date(),
  sleep: abortableSleep,
};

/** Slack answers that will not change on retry: the alert is marked failed and reported. */
const TRANSIENT_PLATFORM_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited']);

class UnverifiableError extends Error {}

export interface AlertSender {
  /** Starts delivering every unsent entry not already under way; resolves when those are done. */
  deliverAll(): Promise<void>;
  stop(): Promise<void>;
}

/** Slack's error code when it refused the call (not a 429), else undefined. */
const refusedWith = (err: unknown): string | undefined => {
  const c = classifyCallError(err);
  return c.status === 'failed' && c.retryAfterMs === undefined ? c.error : undefined;
};

/** The ts of the message carrying this alert's id in its channel's recent history, if Slack has it. */
export async function findPostedAlert(
  client: webApi.WebClient,
  entry: OutboxEntry,
  opts: Pick<Required<AlertSenderOptions>, 'historyMarginMs' | 'historyPages'>,
): Promise<string | undefined> {
  const since = Date.parse(entry.postingSince ?? entry.createdAt) - opts.historyMarginMs;
  let cursor: string | undefined;
  for (let page = 0; page < opts.historyPages; page++) {
    const res = await client.conversations
      .history({
        channel: entry.channel,
        oldest: (since / 1000).toFixed(6),
        limit: 200,
        include_all_metadata: true,
        ...(cursor ? { cursor } : {}),
      })
      .catch((err: unknown) => {
        const code = refusedWith(err);
        throw code ? new UnverifiableError(code) : err;
      });
    const hit = res.messages?.find(
      (m) =>
        m.metadata?.event_type === ALERT_EVENT_TYPE &&
        (m.metadata.event_payload as { alert_id?: unknown } | undefined)?.alert_id === entry.id,
    );
    if (hit?.ts) return hit.ts;
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!cursor) return undefined;
  }
  return undefined;
}

export function createAlertSender(deps: {
  client: webApi.WebClient;
  store: AlertStore;
  queue: PostQueue;
  logger: Logger;
  options?: AlertSenderOptions;
}): AlertSender {
  const { client, store, queue, logger } = deps;
  const opts = { ...DEFAULT_ALERT_SENDER_OPTIONS, ...deps.options };
  const underWay = new Map<string, Promise<void>>();
  /** Entries whose last attempt Slack answered, so they are known not to be in the channel. */
  const knownUnposted = new Set<string>();

  const leaseEnd = () => new Date(opts.now().getTime() + opts.leaseMs);

  /** Runs `work` while holding the entry's lease; false when another replica holds it (or it is done). */
  const withLease = async (id: string, work: () => Promise<void>): Promise<boolean> => {
    if (!(await store.claim(id, opts.owner, leaseEnd()))) return false;
    const renew = setInterval(
      () => {
        store
          .claim(id, opts.owner, leaseEnd())
          .catch((err: unknown) => logger.warn({ err, alertId: id }, 'could not renew the lease on an alert'));
      },
      Math.max(50, Math.floor(opts.leaseMs / 3)),
    );
    renew.unref();
    try {
      await work();
    } finally {
      clearInterval(renew);
      await store
        .release(id, opts.owner)
        .catch((err: unknown) => logger.warn({ err, alertId: id }, 'could not release the lease on an alert; it runs out by itself'));
    }
    return true;
  };

  const postOnce = async (id: string) => {
    const held = await withLease(id, () => attemptPost(id));
    if (!held) logger.debug({ alertId: id }, 'alert held by another replica or already done');
  };

  const attemptPost = async (id: string) => {
    const entry = await store.entry(id);
    if (!entry || entry.status === 'sent' || entry.status === 'failed') return;
    const log = logger.child({ alertId: id, channel: entry.channel, kind: entry.kind });
    if (entry.status === 'posting' && !knownUnposted.has(id)) {
      const ts = await findPostedAlert(client, entry, opts);
      if (ts) {
        await store.update(id, { status: 'sent', ts });
        log.info({ ts }, 'alert was already in the channel (found by its id); not posting it again');
        return;
      }
    }
    await store.update(id, { status: 'posting', postingSince: opts.now().toISOString(), attempts: entry.attempts + 1 });
    knownUnposted.delete(id);
    try {
      const res = await client.chat.postMessage({
        channel: entry.channel,
        text: entry.message.text,
        blocks: entry.message.blocks as never,
        unfurl_links: false,
        unfurl_media: false,
        metadata: { event_type: ALERT_EVENT_TYPE, event_payload: { alert_id: id } },
      });
      await store.update(id, { status: 'sent', ...(res.ts ? { ts: res.ts } : {}) });
      log.info({ ts: res.ts, covers: entry.covers }, 'alert posted');
    } catch (err) {
      if (classifyCallError(err).status === 'failed') knownUnposted.add(id);
      throw err;
    }
  };

  const fail = async (id: string, error: string, msg: string) => {
    await store.update(id, { status: 'failed', error });
    logger.error({ alertId: id, channel: (await store.entry(id))?.channel, error }, msg);
  };

  const deliver = async (entry: OutboxEntry) => {
    for (let attempt = 1; !queue.signal.aborted; attempt++) {
      try {
        await queue.run(entry.channel, () => postOnce(entry.id));
        return;
      } catch (err) {
        if (err instanceof QueueClosedError || queue.signal.aborted) return;
        if (err instanceof UnverifiableError)
          return fail(
            entry.id,
            `unverified: ${err.message}`,
            'could not check the channel for an alert whose post may have gone through; not posting it again to avoid a duplicate. Check the channel; Brief needs channels:history / groups:history and to be a member',
          );
        const code = refusedWith(err);
        if (code && !TRANSIENT_PLATFORM_ERRORS.has(code))
          return fail(
            entry.id,
            code,
            code === 'not_in_channel' || code === 'channel_not_found'
              ? 'Slack refused the alert: invite Brief to the channel (/invite @Brief)'
              : 'Slack refused the alert',
          );
        const delay = Math.min(opts.backoffMs * 2 ** (attempt - 1), opts.maxBackoffMs);
        logger.warn(
          { err, alertId: entry.id, channel: entry.channel, attempt, retryInMs: delay },
          'posting the alert failed; will try again',
        );
        await opts.sleep(delay, queue.signal).catch(() => undefined);
      }
    }
  };

  return {
    async deliverAll() {
      for (const entry of await store.unsent()) {
        if (underWay.has(entry.id)) continue;
        underWay.set(
          entry.id,
          deliver(entry)
            .catch((err: unknown) => logger.error({ err, alertId: entry.id }, 'alert delivery stopped'))
            .finally(() => underWay.delete(entry.id)),
        );
      }
      return Promise.all(underWay.values()).then(() => undefined);
    },
    async stop() {
      queue.close();
      await Promise.all(underWay.values());
    },
  };
}
