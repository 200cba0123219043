/** Answers a mention or a direct message by posting in the conversation (in the thread for mentions). */
import type { WebClient } from '@slack/web-api';
import { MESSAGES, SLACK_MESSAGES } from '../../messages.ts';
import { helpToText } from '../blocks/help-blocks.ts';
import type { ListenerDeps } from '../deps.ts';
import { answerLogFields, renderAnswerMessage } from '../render-answer-message.ts';

export interface ConversationQuestion {
  kind: 'mention' | 'dm';
  client: WebClient;
  channel: string;
  user?: string;
  /** Reply in this thread (mentions). */
  threadTs?: string;
  text: string;
}

export async function answerInConversation(deps: ListenerDeps, q: ConversationQuestion): Promise<void> {
  const started = performance.now();
  const log = deps.logger.child({ kind: q.kind, user: q.user, channel: q.channel });
  const post = (message: { text: string; blocks?: unknown[] }) => q.client.chat.postMessage({
    channel: q.channel,
    ...(q.threadTs ? { thread_ts: q.threadTs } : {}),
    ...message,
    unfurl_links: false,
    unfurl_media: false,
  } as Parameters<WebClient['chat']['postMessage']>[0]);
  await deps.inFlight.run(async () => {
    try {
      if (!q.text.trim() || q.text.trim().toLowerCase() === 'help') {
        await post({ text: helpToText() });
        log.info({ subcommand: 'help', ms: Math.round(performance.now() - started) }, 'request');
        return;
      }
      const corpus = deps.getCorpus();
      if (!corpus) { await post({ text: SLACK_MESSAGES.stillLoading }); return; }
      const message = renderAnswerMessage(corpus, q.text, { actions: false });
      await post({ text: message.text, blocks: message.blocks });
      log.info(answerLogFields(message.answer, started), 'request');
    } catch (err) {
      log.error({ err }, `answering a ${q.kind} failed`);
      await post({ text: MESSAGES.internalError }).catch((e: unknown) => log.error({ err: e }, 'could not tell the user about the failure'));
    }
  });
}
