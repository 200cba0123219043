/** A direct message to Brief: the answer in the DM. Bots (Brief included) and edits are ignored. */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps, Subcommand } from '../deps.ts';
import { answerInConversation } from './conversation-answer.ts';

export function createDirectMessageListener(deps: ListenerDeps & { subcommands?: readonly Subcommand[] }) {
  return async ({ event, client, context }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    if (event.channel_type !== 'im') return;
    // Only plain user messages: no bot posts, edits, joins or other subtypes.
    if (event.subtype !== undefined || ('bot_id' in event && event.bot_id)) return;
    if (context.botUserId && event.user === context.botUserId) return;
    await answerInConversation(deps, { kind: 'dm', client, channel: event.channel, text: event.text ?? '', user: event.user });
  };
}
