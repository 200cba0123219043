/**
 * Carries the JSON state of an install from before the database over, once: every state file
 * found in STATE_DIR is read and inserted in one transaction, together with a marker, and only
 * then renamed aside (`*.imported`, kept for a person to look at). A crash before the commit
 * imports everything again next start; after it, the marker stops a second import and the files
 * still in place are renamed then. A file that does not parse is set aside (`*.corrupt-<time>`)
 * with the same log line as before the database, and its kind of state starts afresh.
 */
import { access, readdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { feedStateSchema } from '../ingest/feed-state.ts';
import type { Logger } from '../logger.ts';
import { ALERT_BASELINE_KEY, toOutboxRow, type OutboxEntry } from './alert-store.ts';
import { versionRow } from './article-versions.ts';
import { BRIEFINGS_DIR, historySchema } from './briefing-history.ts';
import { BRIEFING_SCHEDULE_FILE, BRIEFING_SLOTS_DIR, scheduleFileSchema, slotRow, slotSchema } from './briefing-slots.ts';
import type { Db } from './db-schema.ts';
import { feedbackRow, type FeedbackEntry } from './feedback-log.ts';
import { FEEDS_STATE_FILE } from './feed-store.ts';
import { readJsonState } from './json-file.ts';
import type { OpenedDatabase } from './open-database.ts';

export const JSON_IMPORT_KEY = 'json-import';
export const ALERT_STATE_FILE = 'alerts.json';
export const ARTICLE_VERSIONS_FILE = 'article-versions.json';
export const WATCHES_FILE = 'watches.json';
export const FEEDBACK_FILE = 'feedback.jsonl';

const outboxEntrySchema = z.object({
  id: z.string(),
  channel: z.string(),
  kind: z.enum(['article', 'digest', 'watch']),
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
const versionsSchema = z.object({
  version: z.literal(1),
  articles: z.record(z.string(), z.object({ hash: z.string(), title: z.string(), sentences: z.array(z.string()) })),
});
const watchesSchema = z.object({
  version: z.literal(1),
  nextId: z.number().int().positive(),
  watches: z.array(
    z.object({ id: z.number().int().positive(), channel: z.string(), question: z.string(), createdBy: z.string(), createdAt: z.string() }),
  ),
});
const feedbackSchema = z.object({
  at: z.string(),
  vote: z.enum(['up', 'down']),
  user: z.string(),
  channel: z.string().optional(),
  question: z.string(),
  answer: z.string().nullable(),
  passageId: z.string().optional(),
});

/** What the old install's log said when a file was corrupt; the meaning still holds. */
const CORRUPT_MESSAGES: Record<string, string> = {
  [ALERT_STATE_FILE]:
    'alert state is corrupt: set aside; the corpus as it is now is recorded as seen and not announced, and alerts not yet posted from the old file are lost',
  [ARTICLE_VERSIONS_FILE]:
    'article versions file is corrupt: set aside; unchanged articles are re-recorded, an article edited meanwhile is announced as updated',
  [WATCHES_FILE]: 'watches file is corrupt: set aside; no questions are watched until they are added again',
  [FEEDS_STATE_FILE]: 'feed state file is corrupt; set aside, starting afresh',
  [BRIEFING_SCHEDULE_FILE]: 'briefing schedule state was unreadable; set aside, starting afresh without catch-up',
};

export interface ImportReport {
  /** Files and folders imported (renamed to `*.imported`). */
  imported: string[];
  counts: Record<string, number>;
}

type Step = (tx: Db) => Promise<void>;

/** Renames `name` to `name.imported`, or `name.imported-<time>` when an earlier one is there. */
async function renameAside(stateDir: string, name: string, now: () => Date): Promise<void> {
  let target = path.join(stateDir, `${name}.imported`);
  if (
    await access(target).then(
      () => true,
      () => false,
    )
  )
    target += `-${now().toISOString().replace(/[:.]/g, '-')}`;
  await rename(path.join(stateDir, name), target);
}

async function chunked<T>(rows: T[], insert: (rows: T[]) => Promise<unknown>, size = 200): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function importJsonState(
  database: OpenedDatabase,
  stateDir: string,
  logger: Logger,
  now: () => Date = () => new Date(),
): Promise<ImportReport> {
  const done = await database.db.selectFrom('meta').select('value').where('key', '=', JSON_IMPORT_KEY).executeTakeFirst();
  const names = await readdir(stateDir).catch(() => [] as string[]);
  const candidates = [
    ALERT_STATE_FILE,
    ARTICLE_VERSIONS_FILE,
    WATCHES_FILE,
    FEEDS_STATE_FILE,
    FEEDBACK_FILE,
    BRIEFING_SCHEDULE_FILE,
    BRIEFINGS_DIR,
    BRIEFING_SLOTS_DIR,
  ].filter((n) => names.includes(n));
  if (done) {
    // Imported before, but the process stopped before renaming: rename now, never import twice.
    for (const name of candidates) await renameAside(stateDir, name, now);
    if (candidates.length)
      logger.warn(
        { files: candidates, importedAt: done.value },
        'JSON state files left from an earlier import renamed aside; not imported again',
      );
    return { imported: [], counts: {} };
  }

  const steps: Step[] = [];
  const counts: Record<string, number> = {};
  const imported: string[] = [];
  const file = (name: string) => path.join(stateDir, name);
  const read = async <S extends z.ZodType>(name: string, schema: S): Promise<z.infer<S> | undefined> => {
    const result = await readJsonState(file(name), schema, now);
    if (result.status === 'corrupt')
      logger.error(
        { file: file(name), reason: result.reason, setAsideAs: result.setAsideAs },
        CORRUPT_MESSAGES[name] ?? 'state file is corrupt: set aside',
      );
    if (result.status !== 'ok') return undefined;
    imported.push(name);
    return result.value;
  };

  const alerts = await read(ALERT_STATE_FILE, alertStateSchema);
  if (alerts) {
    counts.knownArticles = Object.keys(alerts.articles).length;
    counts.outbox = alerts.outbox.length;
    steps.push(async (tx) => {
      await chunked(
        Object.entries(alerts.articles).map(([article_id, k]) => ({ article_id, seen: k.seen, basis: k.basis })),
        (rows) => tx.insertInto('alert_articles').values(rows).execute(),
        300,
      );
      await chunked(
        alerts.outbox.map((e, i) => toOutboxRow(e as OutboxEntry, i + 1)),
        (rows) => tx.insertInto('alert_outbox').values(rows).execute(),
      );
      await tx.updateTable('counters').set({ value: alerts.outbox.length }).where('name', '=', 'outbox').execute();
      await tx
        .insertInto('meta')
        .values({ key: ALERT_BASELINE_KEY, value: now().toISOString() })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
    });
  }
  const versions = await read(ARTICLE_VERSIONS_FILE, versionsSchema);
  if (versions) {
    counts.articleVersions = Object.keys(versions.articles).length;
    steps.push((tx) =>
      chunked(
        Object.entries(versions.articles).map(([id, v]) => versionRow(id, v)),
        (rows) => tx.insertInto('article_versions').values(rows).execute(),
      ),
    );
  }
  const watches = await read(WATCHES_FILE, watchesSchema);
  if (watches) {
    counts.watches = watches.watches.length;
    steps.push(async (tx) => {
      await chunked(
        watches.watches.map((w) => ({
          id: w.id,
          channel: w.channel,
          question: w.question,
          created_by: w.createdBy,
          created_at: w.createdAt,
        })),
        (rows) => tx.insertInto('watches').values(rows).execute(),
      );
      await tx
        .updateTable('counters')
        .set({ value: watches.nextId - 1 })
        .where('name', '=', 'watch')
        .execute();
    });
  }
  const feeds = await read(FEEDS_STATE_FILE, feedStateSchema);
  if (feeds) {
    counts.feeds = Object.keys(feeds.feeds).length;
    steps.push((tx) =>
      chunked(
        Object.entries(feeds.feeds).map(([feed, record]) => ({ feed, record: JSON.stringify(record) })),
        (rows) => tx.insertInto('feed_state').values(rows).execute(),
      ),
    );
  }
  if (names.includes(FEEDBACK_FILE)) {
    const lines = (await readFile(file(FEEDBACK_FILE), 'utf8')).split('\n').filter((l) => l.trim());
    const entries: FeedbackEntry[] = [];
    let unreadable = 0;
    for (const line of lines) {
      try {
        entries.push(feedbackSchema.parse(JSON.parse(line)) as FeedbackEntry);
      } catch {
        unreadable++;
      }
    }
    if (unreadable)
      logger.warn(
        { file: file(FEEDBACK_FILE), unreadable },
        'feedback lines that do not parse were not imported (the file is kept as feedback.jsonl.imported)',
      );
    counts.feedback = entries.length;
    imported.push(FEEDBACK_FILE);
    steps.push((tx) => chunked(entries.map(feedbackRow), (rows) => tx.insertInto('feedback').values(rows).execute()));
  }
  const schedule = await read(BRIEFING_SCHEDULE_FILE, scheduleFileSchema);
  if (schedule) {
    const s = schedule.schedule;
    steps.push(async (tx) => {
      await tx
        .insertInto('briefing_schedule')
        .values({ name: 'default', cron: s.cron, time_zone: s.timeZone, channel: s.channel, since: s.since })
        .execute();
    });
  }
  for (const dir of [BRIEFINGS_DIR, BRIEFING_SLOTS_DIR]) {
    if (!names.includes(dir)) continue;
    const files = (await readdir(file(dir))).filter((n) => n.endsWith('.json')).sort();
    const values: unknown[] = [];
    for (const name of files) {
      const result = await readJsonState(path.join(file(dir), name), dir === BRIEFINGS_DIR ? historySchema : slotSchema, now);
      if (result.status === 'ok') values.push(result.value);
      else if (result.status === 'corrupt')
        logger.error(
          { file: path.join(file(dir), name), reason: result.reason, setAsideAs: result.setAsideAs },
          'state file is corrupt: set aside, not imported',
        );
    }
    imported.push(dir);
    if (dir === BRIEFINGS_DIR) {
      const histories = values as z.infer<typeof historySchema>[];
      const rows = histories
        .flatMap((h) => h.briefings.map((b) => ({ place: h.place, as_of: b.asOf, body: JSON.stringify(b) })))
        .map((r, i) => ({ ...r, seq: i + 1 }));
      counts.briefings = rows.length;
      steps.push(async (tx) => {
        await chunked(rows, (chunk) => tx.insertInto('briefings').values(chunk).execute());
        await tx.updateTable('counters').set({ value: rows.length }).where('name', '=', 'briefing').execute();
      });
    } else {
      const slots = values as z.infer<typeof slotSchema>[];
      counts.briefingSlots = slots.length;
      steps.push((tx) =>
        chunked(slots.map(slotRow), (rows) =>
          tx
            .insertInto('briefing_slots')
            .values(rows)
            .onConflict((oc) => oc.column('slot').doNothing())
            .execute(),
        ),
      );
    }
  }

  const won = await database.transaction(async (tx) => {
    // The marker first: a replica importing at the same moment waits here, then finds it taken.
    const marked = await tx
      .insertInto('meta')
      .values({ key: JSON_IMPORT_KEY, value: now().toISOString() })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!marked) return false;
    for (const step of steps) await step(tx);
    return true;
  });
  if (!won) return importJsonState(database, stateDir, logger, now);
  for (const name of imported) await renameAside(stateDir, name, now);
  if (imported.length)
    logger.info(
      { files: imported, ...counts, database: database.where },
      'JSON state from before the database imported; the files are renamed *.imported',
    );
  return { imported, counts };
}
