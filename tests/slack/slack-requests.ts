/** Builds and sends what Slack sends: signed slash commands, Events API callbacks and button clicks. */
import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret';

export function signatureHeaders(body: string, options: { secret?: string; timestamp?: number } = {}): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', options.secret ?? SIGNING_SECRET)
    .update(`v0:${timestamp}:${body}`)
    .digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

export interface SentRequest {
  status: number;
  body: string;
  ms: number;
}

export async function postSigned(
  url: string,
  body: string,
  contentType: string,
  headers: Record<string, string> = {},
  sign: { secret?: string; timestamp?: number } = {},
): Promise<SentRequest> {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    body,
    headers: { 'content-type': contentType, ...signatureHeaders(body, sign), ...headers },
  });
  return { status: res.status, body: await res.text(), ms: performance.now() - started };
}

export function slashCommandBody(text: string, responseUrl: string, overrides: Record<string, string> = {}): string {
  return new URLSearchParams({
    token: 'legacy',
    team_id: 'T1',
    team_domain: 'newsroom',
    channel_id: 'C0DESK',
    channel_name: 'desk',
    user_id: 'U0ALICE',
    user_name: 'alice',
    command: '/brief',
    text,
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: '1.2.3',
    ...overrides,
  }).toString();
}

export function eventBody(event: Record<string, unknown>, eventId: string): string {
  return JSON.stringify({
    token: 'legacy',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: 1_700_000_000,
    event: { event_ts: event.ts, ...event },
    authorizations: [{ team_id: 'T1', user_id: 'UBRIEF', is_bot: true, is_enterprise_install: false }],
  });
}

export function buttonBody(actionId: string, value: string, responseUrl: string, user = 'U0ALICE'): string {
  const payload = {
    type: 'block_actions',
    api_app_id: 'A1',
    token: 'legacy',
    trigger_id: '1.2.3',
    response_url: responseUrl,
    user: { id: user, username: 'alice', team_id: 'T1' },
    team: { id: 'T1', domain: 'newsroom' },
    channel: { id: 'C0DESK', name: 'desk' },
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C0DESK', is_ephemeral: true },
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: 'brief_answer_actions',
        value,
        text: { type: 'plain_text', text: 'x' },
        action_ts: '1700000001.0001',
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
