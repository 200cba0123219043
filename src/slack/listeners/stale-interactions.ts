/**
 * Buttons and shortcuts Brief no longer has (an old message's button, a shortcut removed from the
 * manifest): without a listener Bolt answers 404 after 3 s and Slack shows an error. These are acked
 * at once and the user is told the button is out of date.
 */
import type { AllMiddlewareArgs, SlackActionMiddlewareArgs, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { SLACK_MESSAGES } from '../../render/messages.ts';
import type { ListenerDeps } from '../deps.ts';
import { callSlack } from '../post/call-slack.ts';
import { createRespond } from '../post/respond.ts';
import { handleRequest } from './handle-request.ts';

type ActionArgs = SlackActionMiddlewareArgs & AllMiddlewareArgs;
type ShortcutArgs = SlackShortcutMiddlewareArgs & AllMiddlewareArgs;
type Deps = Pick<ListenerDeps, 'logger' | 'inFlight'>;

/** Acks block actions whose action_id is not one of `known` and says the button is out of date. */
export function createStaleActionListener(known: ReadonlySet<string>, deps: Deps) {
  return async ({ ack, body, action }: ActionArgs): Promise<void> => {
    const actionId = 'action_id' in action ? action.action_id : undefined;
    if (actionId !== undefined && known.has(actionId)) return;
    const fields = { kind: 'button:unknown', user: body.user.id, actionId };
    await handleRequest({ deps, ack, fields, failure: 'could not tell the user the button is out of date' }, async ({ log }) => {
      log.info('unknown button');
      const responseUrl = 'response_url' in body ? body.response_url : undefined;
      if (!responseUrl) return;
      await createRespond(responseUrl)({ response_type: 'ephemeral', replace_original: false, text: SLACK_MESSAGES.outOfDate });
    });
  };
}

/** Brief offers no shortcuts: any shortcut is acked and answered with "out of date". */
export function createStaleShortcutListener(deps: Deps) {
  return async ({ ack, body, client }: ShortcutArgs): Promise<void> => {
    const fields = { kind: 'shortcut:unknown', user: body.user.id, callbackId: body.callback_id };
    await handleRequest({ deps, ack, fields, failure: 'could not tell the user the shortcut is out of date' }, async ({ log }) => {
      log.info('unknown shortcut');
      if ('response_url' in body && body.response_url) {
        await createRespond(body.response_url)({ response_type: 'ephemeral', text: SLACK_MESSAGES.outOfDate });
        return;
      }
      const blocks = [{ type: 'section' as const, text: { type: 'plain_text' as const, text: SLACK_MESSAGES.outOfDate } }];
      await callSlack(() =>
        client.views.open({
          trigger_id: body.trigger_id,
          view: { type: 'modal', title: { type: 'plain_text', text: 'Brief' }, blocks },
        }),
      );
    });
  };
}
