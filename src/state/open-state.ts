/**
 * openState(): the one way to Brief's state. Opens the database (SQLite at STATE_DIR/brief.db, or
 * PostgreSQL at DATABASE_URL), runs the migrations, imports the JSON files of an install from
 * before the database, and returns one typed store per kind of state. Listeners, the alerter, the
 * scheduler and the feed poller are given these stores, never a folder path.
 */
import type { Logger } from '../logger.ts';
import { createAlertStore, type AlertStore } from './alert-store.ts';
import { createArticleVersions, type ArticleVersions } from './article-versions.ts';
import { createBriefingHistory, type BriefingHistory } from './briefing-history.ts';
import { createSlotStore, type SlotStore } from './briefing-slots.ts';
import { createDatabaseHealth, type DatabaseHealth, type HealthOptions } from './database-health.ts';
import { createFeedStateStore, type FeedStateStore } from './feed-store.ts';
import { createFeedbackLog, type FeedbackLog } from './feedback-log.ts';
import { importJsonState } from './import-json-state.ts';
import { openDatabase, type DatabaseOptions, type OpenedDatabase } from './open-database.ts';
import { loadReplicaId } from './replica-id.ts';
import { createSeenEvents, type SeenEvents } from './seen-events.ts';
import { createWatchStore, type WatchStore } from './watch-store.ts';

export interface BriefState {
  /** `sqlite` or `postgres`. */
  readonly dialect: OpenedDatabase['dialect'];
  /** This replica's id (kept in STATE_DIR): who holds a lease. */
  readonly replicaId: string;
  alerts: AlertStore;
  articleVersions: ArticleVersions;
  watches: WatchStore;
  feeds: FeedStateStore;
  briefings: BriefingHistory;
  /** The scheduled-briefing slots and schedule. */
  slots: SlotStore;
  feedback: FeedbackLog;
  events: SeenEvents;
  health: DatabaseHealth;
  /** For tests and tools: the database itself. */
  readonly database: OpenedDatabase;
  close(): Promise<void>;
}

export interface OpenStateOptions {
  now?: () => Date;
  health?: HealthOptions;
}

export async function openState(config: DatabaseOptions, logger: Logger, options: OpenStateOptions = {}): Promise<BriefState> {
  const log = logger.child({ component: 'state' });
  const now = options.now ?? (() => new Date());
  const database = await openDatabase(config, log);
  try {
    await importJsonState(database, config.stateDir, log, now);
  } catch (err) {
    await database.close();
    throw err;
  }
  const replicaId = await loadReplicaId(config.stateDir);
  const health = createDatabaseHealth(database, log, options.health);
  const events = createSeenEvents(database, now);
  const pruneEvents = () =>
    events.prune().then(
      (n) => {
        if (n) log.debug({ forgotten: n }, 'old event ids forgotten');
      },
      (err: unknown) => log.warn({ err }, 'could not prune old event ids'),
    );
  await pruneEvents();
  const pruning = setInterval(() => {
    void pruneEvents();
  }, 3600_000);
  pruning.unref();
  log.info({ dialect: database.dialect, database: database.where, replicaId }, 'state database open');
  return {
    dialect: database.dialect,
    replicaId,
    database,
    alerts: createAlertStore(database, { now }),
    articleVersions: createArticleVersions(database),
    watches: createWatchStore(database, now),
    feeds: createFeedStateStore(database),
    briefings: createBriefingHistory(database),
    slots: createSlotStore(database, now),
    feedback: createFeedbackLog(database),
    events,
    health,
    async close() {
      clearInterval(pruning);
      health.stop();
      await database.close();
    },
  };
}
