/**
 * The databases the state tests run on: SQLite always, PostgreSQL when DATABASE_URL names a server
 * (`.ci/run` starts a throwaway one). Each PostgreSQL test gets a database of its own, created
 * here and dropped when the test finishes.
 */
import type { Briefing } from '../../src/core/briefing.ts';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { onTestFinished } from 'vitest';
import type { Logger } from '../../src/logger.ts';
import { openState, type BriefState, type OpenStateOptions } from '../../src/state/open-state.ts';
import { captureLogger } from '../helpers.ts';

/** The PostgreSQL server for tests, from the environment of the test run (not Brief's config). */
export const PG_URL = process.env.DATABASE_URL?.trim() || undefined;
export const PG_SKIP_REASON = 'PostgreSQL tests not run: DATABASE_URL is unset (bash .ci/run starts a throwaway PostgreSQL and sets it)';

let warned = false;
/** Says once per file, on the console, why PostgreSQL tests are skipped. */
export function warnIfNoPostgres(): void {
  if (!PG_URL && !warned) {
    warned = true;
    console.warn(PG_SKIP_REASON);
  }
}

export type BackendName = 'sqlite' | 'postgres';
export const BACKENDS: readonly BackendName[] = ['sqlite', 'postgres'];
/** `describe.skipIf(skipBackend(b))`: true only for PostgreSQL without DATABASE_URL. */
export const skipBackend = (backend: BackendName): boolean => backend === 'postgres' && !PG_URL;

/** A new empty PostgreSQL database on the test server, and how to drop it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!PG_URL) throw new Error(PG_SKIP_REASON);
  const name = `brief_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** A new empty PostgreSQL database, dropped when the test finishes. */
export async function freshPostgresUrl(): Promise<string> {
  const { url, drop } = await createPostgresDatabase();
  onTestFinished(drop);
  return url;
}

/** A temp folder removed when the test finishes. */
export async function tempStateDir(prefix = 'brief-state-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Where a test's state lives: a state folder and, for PostgreSQL, a database URL. */
export interface TestStateConfig {
  stateDir: string;
  databaseUrl?: string;
}

export async function testStateConfig(backend: BackendName, stateDir?: string): Promise<TestStateConfig> {
  const dir = stateDir ?? (await tempStateDir());
  return backend === 'postgres' ? { stateDir: dir, databaseUrl: await freshPostgresUrl() } : { stateDir: dir };
}

/** Opens the state (closed when the test finishes). */
export async function openTestState(
  config: TestStateConfig,
  logger: Logger = captureLogger().logger,
  options: OpenStateOptions = {},
): Promise<BriefState> {
  const state = await openState(config, logger, options);
  let closed = false;
  const close = state.close.bind(state);
  state.close = async () => {
    if (!closed) {
      closed = true;
      await close();
    }
  };
  onTestFinished(() => state.close());
  return state;
}

/** The smallest briefing the stores keep: enough for history, watermarks and imports. */
export const minimalBriefing = (asOf: string): Briefing => ({
  version: 1,
  story: 'S',
  asOf,
  articleIds: ['a'],
  outlets: [],
  outletUnknown: 1,
  whatsNew: { articles: [], keyPoints: [] },
  keyPoints: [],
  openQuestions: [],
  timeline: [],
});
