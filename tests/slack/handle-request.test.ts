import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/render/messages.ts';
import { createInFlight } from '../../src/slack/in-flight.ts';
import { handleRequest } from '../../src/slack/listeners/handle-request.ts';
import { captureLogger } from '../helpers.ts';

describe('handleRequest (the listener skeleton)', () => {
  it('acks first, runs the work in flight with the request’s fields, and logs one request line with ms', async () => {
    const { logger, lines } = captureLogger();
    const inFlight = createInFlight();
    const order: string[] = [];
    const done = handleRequest(
      {
        deps: { logger, inFlight },
        ack: async () => {
          order.push('ack');
        },
        fields: { kind: 'command', user: 'U1', channel: 'C1' },
        failure: 'answering failed',
      },
      async ({ logRequest }) => {
        order.push(`work, ${inFlight.size} in flight`);
        logRequest({ subcommand: 'help' });
      },
    );
    await done;
    expect(order).toEqual(['ack', 'work, 1 in flight']);
    const request = lines.filter((l) => l.msg === 'request');
    expect(request).toHaveLength(1);
    expect(request[0]).toMatchObject({ kind: 'command', user: 'U1', channel: 'C1', subcommand: 'help', ms: expect.any(Number) });
  });

  it('a thrown error gives the internal-error reply and one error log with the error', async () => {
    const { logger, lines } = captureLogger();
    const replies: string[] = [];
    await handleRequest(
      {
        deps: { logger, inFlight: createInFlight() },
        fields: { kind: 'dm', user: 'U1' },
        failure: 'answering a dm failed',
        reply: async (text) => {
          replies.push(text);
        },
      },
      async () => {
        throw new Error('index exploded');
      },
    );
    expect(replies).toEqual([MESSAGES.internalError]);
    const errors = lines.filter((l) => l.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ msg: 'answering a dm failed', kind: 'dm', user: 'U1', err: { message: 'index exploded' } });
  });

  it('says its own failure text, and logs a reply that fails too instead of throwing', async () => {
    const { logger, lines } = captureLogger();
    await handleRequest(
      {
        deps: { logger, inFlight: createInFlight() },
        fields: { kind: 'button:share' },
        failure: 'button share failed',
        reply: async (text) => {
          throw new Error(`response_url gone (${text})`);
        },
        failureText: 'Sharing failed',
      },
      async () => {
        throw new Error('boom');
      },
    );
    expect(lines.filter((l) => l.level === 50).map((l) => [l.msg, (l.err as { message: string }).message])).toEqual([
      ['button share failed', 'boom'],
      ['could not tell the user about the failure', 'response_url gone (Sharing failed)'],
    ]);
  });
});
