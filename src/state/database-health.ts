/**
 * Watches the database connection: a ping on an interval; when it fails, logs once and retries
 * with a doubling backoff, logs again when the database answers. /healthz reads `status()`. Answers
 * never wait for it: the engine is in memory, and state writes fail (logged) until it is back.
 */
import type { Logger } from '../logger.ts';
import type { OpenedDatabase } from './open-database.ts';

export interface HealthOptions {
  /** Time between pings while the database answers. Default 10 000 ms. */
  intervalMs?: number;
  /** First retry after a failed ping; doubles up to maxBackoffMs. Default 1000 ms. */
  backoffMs?: number;
  /** Longest wait between retries. Default 30 000 ms. */
  maxBackoffMs?: number;
}

export const DEFAULT_HEALTH_OPTIONS: Required<HealthOptions> = { intervalMs: 10_000, backoffMs: 1000, maxBackoffMs: 30_000 };

export type DatabaseStatus = 'ok' | 'unreachable';

export interface DatabaseHealth {
  status(): DatabaseStatus;
  /** Pings now and updates the status. */
  check(): Promise<DatabaseStatus>;
  /** Starts pinging; `onBack` runs when the database answers again after being unreachable. */
  start(onBack?: () => void): void;
  stop(): void;
}

export function createDatabaseHealth(database: OpenedDatabase, logger: Logger, options: HealthOptions = {}): DatabaseHealth {
  const opts = { ...DEFAULT_HEALTH_OPTIONS, ...options };
  let status: DatabaseStatus = 'ok';
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let onBack: (() => void) | undefined;

  const check = async (): Promise<DatabaseStatus> => {
    const ok = await database.ping();
    if (!ok) {
      failures++;
      if (status === 'ok')
        logger.error({ database: database.where }, 'state database unreachable; retrying with backoff (answers go on from memory)');
      status = 'unreachable';
    } else if (status === 'unreachable') {
      logger.info({ database: database.where, failedPings: failures }, 'state database reachable again');
      status = 'ok';
      failures = 0;
      onBack?.();
    }
    return status;
  };
  const schedule = () => {
    if (stopped) return;
    const delay = status === 'ok' ? opts.intervalMs : Math.min(opts.backoffMs * 2 ** Math.max(0, failures - 1), opts.maxBackoffMs);
    if (status === 'unreachable')
      logger.warn({ database: database.where, retryInMs: delay, failedPings: failures }, 'state database still unreachable');
    timer = setTimeout(() => {
      void check().finally(schedule);
    }, delay);
    timer.unref();
  };
  return {
    status: () => status,
    check,
    start(back) {
      onBack = back;
      stopped = false;
      schedule();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
