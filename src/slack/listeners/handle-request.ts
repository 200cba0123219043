/**
 * The skeleton every listener shares: ack at once, then (in its turn with other requests' acks,
 * tracked so SIGTERM lets it finish) do the work with a child logger carrying the request's fields;
 * a thrown error is logged once with `{ err }` and the user is told, never a silent catch.
 */
import type { Logger } from '../../logger.ts';
import { MESSAGES } from '../../render/messages.ts';
import type { ListenerDeps } from '../deps.ts';

export interface RequestSpec {
  deps: Pick<ListenerDeps, 'logger' | 'inFlight'>;
  /** Bolt's ack for commands and interactions; events are acked by Bolt itself. */
  ack?: () => Promise<void>;
  /** Fields every log line of the request carries: `kind`, `user`, `channel` … */
  fields: Record<string, unknown>;
  /** The error line logged when the work throws, e.g. `answering /brief failed`. */
  failure: string;
  /** Tells the user the work failed (`reply(text)`); without it the failure is only logged. */
  reply?: (text: string) => Promise<unknown>;
  /** What `reply` says on a failure. Default MESSAGES.internalError. */
  failureText?: string;
}

export interface RequestContext {
  log: Logger;
  /** The one `request` line of this request, with `ms` since the ack added. */
  logRequest(fields?: Record<string, unknown>): void;
}

export async function handleRequest(spec: RequestSpec, work: (ctx: RequestContext) => Promise<void>): Promise<void> {
  await spec.ack?.();
  const started = performance.now();
  const log = spec.deps.logger.child(spec.fields);
  const logRequest = (fields: Record<string, unknown> = {}) => {
    log.info({ ...fields, ms: Math.round(performance.now() - started) }, 'request');
  };
  await spec.deps.inFlight.run(async () => {
    try {
      await work({ log, logRequest });
    } catch (err) {
      log.error({ err }, spec.failure);
      await spec
        .reply?.(spec.failureText ?? MESSAGES.internalError)
        .catch((e: unknown) => log.error({ err: e }, 'could not tell the user about the failure'));
    }
  });
}
