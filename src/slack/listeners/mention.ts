/** An @-mention in a channel: the answer goes into the mention's thread. */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps.ts';
import { answerInConversation } from './conversation-answer.ts';

export function createMentionListener(deps: ListenerDeps) {
  return async ({ event, client, context }: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs): Promise<void> => {
    if (event.bot_id || (context.botUserId && event.user === context.botUserId)) return;
    // The mention of Brief itself is not part of the question.
    const text = (event.text ?? '').replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, ' ').trim();
    await answerInConversation(deps, {
      kind: 'mention',
      client,
      channel: event.channel,
      text,
      threadTs: event.thread_ts ?? event.ts,
      ...(event.user ? { user: event.user } : {}),
    });
  };
}
