/**
 * The Web client alerts post with. It never retries by itself: on a 429 it throws (the post queue
 * waits out Retry-After), and a request whose reply is lost fails after `timeout` instead of being
 * sent again blind (the sender first checks the channel for it). The client's default, ten retries
 * over about 30 minutes, would repeat a post whose reply was lost and hide rate limits from tests.
 */
import { webApi } from '@slack/bolt';
import type { Config } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import { toBoltLogger } from '../bolt-logger.ts';

/** How long one call to Slack may take before its reply counts as lost. */
export const DEFAULT_ALERT_CALL_TIMEOUT_MS = 15_000;

export function createAlertClient(slack: Config['slack'], logger: Logger, timeoutMs = DEFAULT_ALERT_CALL_TIMEOUT_MS): webApi.WebClient {
  return new webApi.WebClient(slack.botToken, {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
    logger: toBoltLogger(logger.child({ component: 'alerts' })),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: timeoutMs,
  });
}
