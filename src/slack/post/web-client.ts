/**
 * The one way Brief builds a Web API client: the bot token, SLACK_API_URL when set, pino through
 * Bolt's logger interface, no automatic retries, 429s handed back, and a timeout. Bolt builds the
 * listeners' client from {@link webClientOptions} too, so every call to Slack behaves the same.
 *
 * Why no retries: the client's default, ten retries over about 30 minutes, would repeat a post whose
 * reply was lost (a double post) and hide rate limits; 429s are waited out by callSlack (call-slack.ts)
 * or the alert queue, which know whether a post may be repeated. Why a timeout: without one a call
 * whose reply never comes holds its work (a scheduled briefing, an alert's channel turn) forever.
 */
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Config } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import { toBoltLogger } from '../bolt-logger.ts';

/** How long one call to Slack may take before its reply counts as lost (outcome `unknown`). */
export const DEFAULT_SLACK_CALL_TIMEOUT_MS = 15_000;

export interface WebClientSettings {
  /** Longest wait for one call's reply. Default {@link DEFAULT_SLACK_CALL_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Logger for the client's own lines; without it, Bolt gives its own (listeners' client). */
  logger?: Logger;
}

export function webClientOptions(slack: Pick<Config['slack'], 'apiUrl'>, settings: WebClientSettings = {}): WebClientOptions {
  return {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
    ...(settings.logger ? { logger: toBoltLogger(settings.logger) } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: settings.timeoutMs ?? DEFAULT_SLACK_CALL_TIMEOUT_MS,
  };
}

export function createWebClient(slack: Pick<Config['slack'], 'botToken' | 'apiUrl'>, settings: WebClientSettings = {}): WebClient {
  return new WebClient(slack.botToken, webClientOptions(slack, settings));
}
