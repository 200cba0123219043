/**
 * The database behind the stores: SQLite at `STATE_DIR/brief.db` (WAL) by default, PostgreSQL when
 * a URL is given. Migrations run before anything else; `transaction` is the one way to make a
 * multi-step change (on SQLite it takes the write lock at BEGIN, so two processes sharing a file
 * wait for each other instead of failing half-way).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from '../logger.ts';
import { StartupError } from '../startup-errors.ts';
import type { Database, Db, Dialect } from './db-schema.ts';
import { migrationProvider } from './migrations.ts';

export const SQLITE_FILE = 'brief.db';

export interface DatabaseOptions {
  stateDir: string;
  /** postgres://…; unset means SQLite in stateDir. */
  databaseUrl?: string;
}

export interface OpenedDatabase {
  db: Db;
  dialect: Dialect;
  /** Where the state lives, for logs: the SQLite file, or the PostgreSQL host and database (never the password). */
  where: string;
  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T>;
  /** A round trip to the database: true when it answered. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** The URL without its password, for logs. */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `postgres://${u.username ? `${u.username}@` : ''}${u.host}${u.pathname}`;
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

export async function openDatabase(options: DatabaseOptions, logger: Logger): Promise<OpenedDatabase> {
  let opened: OpenedDatabase;
  try {
    opened = options.databaseUrl ? openPostgres(options.databaseUrl, logger) : await openSqlite(options.stateDir);
  } catch (err) {
    // A folder problem (ENOTDIR, EACCES … with its path) is named by describeStartupError as STATE_DIR's.
    if (typeof (err as NodeJS.ErrnoException).path === 'string') throw err;
    throw new StartupError(
      `the state database ${path.join(options.stateDir, SQLITE_FILE)} could not be opened: ${(err as Error).message}. Set STATE_DIR to a folder Brief can write, or move the file away.`,
      { cause: err },
    );
  }
  const migrator = new Migrator({ db: opened.db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  for (const r of results ?? []) {
    if (r.status === 'Success') logger.info({ migration: r.migrationName, database: opened.where }, 'state database migrated');
    if (r.status === 'Error') logger.error({ migration: r.migrationName, database: opened.where }, 'state database migration failed');
  }
  if (error) {
    await opened.close();
    const reason = (error instanceof Error ? error.message : String(error)) || 'no reason given';
    // Named with where the state lives (never the password), so the start-up failure says what to fix.
    const fix =
      opened.dialect === 'postgres'
        ? 'Check that PostgreSQL is running and DATABASE_URL names it (user, password, host, port, database).'
        : 'Check STATE_DIR.';
    throw new StartupError(`the state database ${opened.where} could not be opened: ${reason}. ${fix}`, { cause: error });
  }
  return opened;
}

interface SharedSqlite {
  db: Db;
  users: number;
}
/**
 * One connection per file per process. better-sqlite3 is synchronous: a second connection in the
 * same process waiting for the file's write lock would block the very event loop the first needs
 * to finish its transaction. Shared, Kysely's connection mutex queues them instead.
 */
const sqliteByFile = new Map<string, SharedSqlite>();

async function openSqlite(stateDir: string): Promise<OpenedDatabase> {
  await mkdir(stateDir, { recursive: true });
  const file = path.resolve(stateDir, SQLITE_FILE);
  let shared = sqliteByFile.get(file);
  if (!shared) {
    const database = new SqliteDatabase(file);
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    // Another process on the same file (a restart overlapping the old process, the CLI) waits for the lock.
    database.pragma('busy_timeout = 10000');
    shared = { db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }), users: 0 };
    sqliteByFile.set(file, shared);
  }
  shared.users++;
  const { db } = shared;
  let closed = false;
  return {
    db,
    dialect: 'sqlite',
    where: file,
    transaction: (work) =>
      db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          const result = await work(conn);
          await sql`commit`.execute(conn);
          return result;
        } catch (err) {
          await sql`rollback`.execute(conn).catch(() => undefined);
          throw err;
        }
      }),
    ping: () => ping(db),
    async close() {
      if (closed) return;
      closed = true;
      if (--shared.users > 0) return;
      sqliteByFile.delete(file);
      await db.destroy();
    },
  };
}

function openPostgres(url: string, logger: Logger): OpenedDatabase {
  const where = describeDatabaseUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: 5, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 });
  // An idle client losing its connection emits here; without a listener the process would crash.
  // The pool drops that client and opens a new one for the next query.
  pool.on('error', (err) =>
    logger.warn({ err: err.message, database: where }, 'a PostgreSQL connection was lost; the next query opens a new one'),
  );
  // A client in use (between two statements) that loses its connection emits on itself; its query
  // fails, and the pool drops it when it is released.
  pool.on('connect', (client) => {
    client.on('error', (err) => logger.warn({ err: err.message, database: where }, 'a PostgreSQL connection in use was lost'));
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    where,
    async transaction(work) {
      // Two replicas committing the same alerts at once can deadlock; PostgreSQL aborts one, which runs again.
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.transaction().execute(work);
        } catch (err) {
          const code = (err as { code?: unknown }).code;
          if (attempt >= 3 || (code !== '40P01' && code !== '40001')) throw err;
          logger.warn(
            { code, attempt, database: where },
            'transaction aborted by PostgreSQL (deadlock or serialization); running it again',
          );
        }
      }
    },
    ping: () => ping(db),
    close: () => db.destroy(),
  };
}

/** Whether the database answers a trivial query (the health check), for either dialect. */
async function ping(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
