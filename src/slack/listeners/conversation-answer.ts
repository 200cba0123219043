/** Answers a mention or a direct message by posting in the conversation (in the thread for mentions). */
import type { WebClient } from '@slack/web-api';
import { SLACK_MESSAGES } from '../../render/messages.ts';
import { helpToText } from '../blocks/help-blocks.ts';
import type { SlashCommand } from '@slack/bolt';
import type { ListenerDeps, Subcommand } from '../deps.ts';
import type { Respond } from '../post/respond.ts';
import { answerLogFields, renderAnswerMessage } from '../render-answer-message.ts';
import { callSlack } from '../post/call-slack.ts';
import { handleRequest } from './handle-request.ts';

export interface ConversationQuestion {
  kind: 'mention' | 'dm';
  client: WebClient;
  channel: string;
  user?: string;
  /** Reply in this thread (mentions). */
  threadTs?: string;
  text: string;
}

/**
 * A subcommand typed in a DM (`briefing`, `watches`) runs as `/brief <text>` would in that DM; its
 * replies are posted there, since a DM has no response_url.
 */
async function runInDm(
  sub: Subcommand,
  rest: string,
  q: ConversationQuestion,
  post: (m: { text: string; blocks?: unknown[] }) => Promise<unknown>,
  log: ListenerDeps['logger'],
): Promise<void> {
  const command = {
    command: '/brief',
    text: `${sub.name} ${rest}`.trim(),
    channel_id: q.channel,
    channel_name: 'directmessage',
    user_id: q.user ?? '',
    user_name: '',
    team_id: '',
    team_domain: '',
    response_url: '',
    trigger_id: '',
    api_app_id: '',
    token: '',
  } as SlashCommand;
  const respond: Respond = async (message) => {
    const m = (typeof message === 'string' ? { text: message } : message) as { text?: string; blocks?: unknown[] };
    return post({ text: m.text ?? '', ...(m.blocks ? { blocks: m.blocks } : {}) });
  };
  await sub.run({ text: rest, command, respond, client: q.client, logger: log });
}

export async function answerInConversation(
  deps: ListenerDeps & { subcommands?: readonly Subcommand[] },
  q: ConversationQuestion,
): Promise<void> {
  const post = (message: { text: string; blocks?: unknown[] }) =>
    callSlack(() =>
      q.client.chat.postMessage({
        channel: q.channel,
        ...(q.threadTs ? { thread_ts: q.threadTs } : {}),
        ...message,
        unfurl_links: false,
        unfurl_media: false,
      } as Parameters<WebClient['chat']['postMessage']>[0]),
    );
  await handleRequest(
    {
      deps,
      fields: { kind: q.kind, user: q.user, channel: q.channel },
      failure: `answering a ${q.kind} failed`,
      reply: (text) => post({ text }),
    },
    async ({ log, logRequest }) => {
      if (!q.text.trim() || q.text.trim().toLowerCase() === 'help') {
        await post({ text: helpToText() });
        logRequest({ subcommand: 'help' });
        return;
      }
      const [first = '', ...rest] = q.text.trim().split(/\s+/);
      const sub = q.kind === 'dm' ? deps.subcommands?.find((s) => s.name === first.toLowerCase()) : undefined;
      if (sub) {
        await runInDm(sub, rest.join(' '), q, post, log);
        logRequest({ subcommand: sub.name });
        return;
      }
      const corpus = deps.getCorpus();
      if (!corpus) {
        await post({ text: SLACK_MESSAGES.stillLoading });
        return;
      }
      const message = renderAnswerMessage(corpus, q.text, { actions: false });
      await post({ text: message.text, blocks: message.blocks });
      logRequest(answerLogFields(message.answer));
    },
  );
}
