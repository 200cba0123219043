/**
 * One migration list for both dialects, run in order at start (Kysely's Migrator keeps which ran
 * in `kysely_migration`). Append new migrations; never edit one that has shipped.
 */
import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';

// Migrations see the database untyped: they describe how it changes, not what it is now.
type AnyDb = Kysely<unknown>;

const v1: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('meta')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('counters')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'integer', (c) => c.notNull())
      .execute();
    await sql`insert into counters (name, value) values ('watch', 0), ('briefing', 0), ('outbox', 0)`.execute(db);
    await db.schema
      .createTable('alert_articles')
      .addColumn('article_id', 'text', (c) => c.primaryKey())
      .addColumn('seen', 'text', (c) => c.notNull())
      .addColumn('basis', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('alert_outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('covers', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('posting_since', 'text')
      .addColumn('ts', 'text')
      .addColumn('error', 'text')
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'text')
      .execute();
    await db.schema.createIndex('alert_outbox_status').on('alert_outbox').columns(['status', 'seq']).execute();
    await db.schema
      .createTable('article_versions')
      .addColumn('article_id', 'text', (c) => c.primaryKey())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('sentences', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('watches')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('question', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('feed_state')
      .addColumn('feed', 'text', (c) => c.primaryKey())
      .addColumn('record', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('briefings')
      .addColumn('seq', 'integer', (c) => c.primaryKey())
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('as_of', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('briefings_place').on('briefings').columns(['place', 'seq']).execute();
    await db.schema
      .createTable('briefing_slots')
      .addColumn('slot', 'text', (c) => c.primaryKey())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('catch_up', 'integer', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('ts', 'text')
      .addColumn('error', 'text')
      .execute();
    await db.schema
      .createTable('briefing_schedule')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('cron', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('since', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('feedback')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('vote', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('channel', 'text')
      .addColumn('question', 'text', (c) => c.notNull())
      .addColumn('answer', 'text')
      .addColumn('passage_id', 'text')
      .execute();
    await db.schema
      .createTable('seen_events')
      .addColumn('event_id', 'text', (c) => c.primaryKey())
      .addColumn('seen_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('seen_events_at').on('seen_events').column('seen_at').execute();
  },
};

export const MIGRATIONS: Record<string, Migration> = { '0001-initial': v1 };

export const migrationProvider: MigrationProvider = { getMigrations: async () => MIGRATIONS };
