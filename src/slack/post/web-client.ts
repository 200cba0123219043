/**
 * The one way Brief builds a Web API client: the bot token, SLACK_API_URL when set, pino through
 * Bolt's logger interface, and how failed calls are treated (`repeats`).
 *
 * `repeats: 'never'` (alerts, scheduled briefings: posts that must land at most once): no automatic
 * retries, 429s handed back, and a timeout. The client's default, ten retries over about 30 minutes,
 * would repeat a post whose reply was lost (a double post) and hide rate limits; 429s are waited out
 * by callSlack (call-slack.ts) or the alert queue, which know whether a post may be repeated. Without
 * a timeout a call whose reply never comes would hold its work (a briefing, a channel's turn) forever.
 *
 * `repeats: 'safe'` (the listeners' client, which Bolt also uses for auth.test at start): the Web API
 * client's own retries and rate-limit handling, as Bolt sets it up. A person is waiting and most of
 * these calls (auth.test, views.publish, conversations.history, a reply) are better repeated than
 * dropped on one 5xx or reset connection; this is what Bolt did before there was one factory.
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
  /** Whether a failed call may be made again by the client itself (see above). Default `never`. */
  repeats?: 'never' | 'safe';
}

export function webClientOptions(slack: Pick<Config['slack'], 'apiUrl'>, settings: WebClientSettings = {}): WebClientOptions {
  return {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
    ...(settings.logger ? { logger: toBoltLogger(settings.logger) } : {}),
    ...(settings.repeats === 'safe'
      ? {}
      : { retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: settings.timeoutMs ?? DEFAULT_SLACK_CALL_TIMEOUT_MS }),
  };
}

export function createWebClient(slack: Pick<Config['slack'], 'botToken' | 'apiUrl'>, settings: WebClientSettings = {}): WebClient {
  return new WebClient(slack.botToken, webClientOptions(slack, settings));
}
