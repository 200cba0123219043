/**
 * The tables of Brief's state, as Kysely sees them. JSON values (outbox messages, sentences,
 * briefings) are stored as text so the same schema works on SQLite and PostgreSQL; booleans are 0/1.
 * Times are ISO-8601 strings in UTC, which sort as they compare.
 */
import type { Kysely } from 'kysely';

export interface Database {
  meta: { key: string; value: string };
  counters: { name: string; value: number };
  alert_articles: { article_id: string; seen: string; basis: string };
  alert_outbox: {
    id: string;
    seq: number;
    channel: string;
    kind: string;
    covers: string;
    created_at: string;
    status: string;
    attempts: number;
    posting_since: string | null;
    ts: string | null;
    error: string | null;
    message: string;
    /** The replica holding the right to post this entry, and until when (a lease). */
    lease_owner: string | null;
    lease_until: string | null;
  };
  article_versions: { article_id: string; hash: string; title: string; sentences: string };
  watches: { id: number; channel: string; question: string; created_by: string; created_at: string };
  feed_state: { feed: string; record: string };
  briefings: { seq: number; place: string; as_of: string; body: string };
  briefing_slots: {
    slot: string;
    status: string;
    channel: string;
    catch_up: number;
    started_at: string;
    finished_at: string | null;
    ts: string | null;
    error: string | null;
  };
  briefing_schedule: { name: string; cron: string; time_zone: string; channel: string; since: string };
  feedback: {
    id: string;
    at: string;
    vote: string;
    user_id: string;
    channel: string | null;
    question: string;
    answer: string | null;
    passage_id: string | null;
  };
  seen_events: { event_id: string; seen_at: string };
}

export type Db = Kysely<Database>;
export type Dialect = 'sqlite' | 'postgres';
