/** `/brief …`: ack at once, then answer privately, or route to help and subcommands. */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { stripSlackMarkup } from '../../core/text.ts';
import { SLACK_MESSAGES } from '../../render/messages.ts';
import { decodeSlackText, escapeMrkdwn } from '../blocks/escape.ts';
import { helpToBlocks, helpToText } from '../blocks/help-blocks.ts';
import { createRespond } from '../post/respond.ts';
import type { ListenerDeps, Subcommand } from '../deps.ts';
import { answerLogFields, renderAnswerMessage } from '../render-answer-message.ts';
import { handleRequest } from './handle-request.ts';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export function createBriefCommand(deps: ListenerDeps & { subcommands?: readonly Subcommand[] }) {
  const subcommands = new Map((deps.subcommands ?? []).map((s) => [s.name, s]));
  const helpContext = () => ({
    subcommands: [...subcommands.values()],
    corpus: { articles: deps.getCorpus()?.engine.stats().articles ?? 0 },
  });

  return async ({ command, ack, client }: CommandArgs): Promise<void> => {
    const respond = createRespond(command.response_url);
    await handleRequest(
      {
        deps,
        ack,
        fields: { kind: 'command', user: command.user_id, channel: command.channel_id },
        failure: 'answering /brief failed',
        reply: (text) => respond({ response_type: 'ephemeral', text }),
      },
      async ({ log, logRequest }) => {
        const text = command.text.trim();
        const [first = '', ...rest] = text.split(/\s+/);
        const word = first.toLowerCase();
        if (!text || word === 'help') {
          await respond({ response_type: 'ephemeral', blocks: helpToBlocks(helpContext()), text: helpToText() });
          logRequest({ subcommand: 'help' });
          return;
        }
        const sub = subcommands.get(word);
        if (sub) {
          await sub.run({ text: rest.join(' '), command, respond, client, logger: log });
          logRequest({ subcommand: sub.name });
          return;
        }
        if (first.startsWith('-')) {
          // Slack sends a typed `&` as `&amp;`: decoded first, so it is escaped once, not shown as "&amp;".
          const notice = SLACK_MESSAGES.unknownOption(escapeMrkdwn(decodeSlackText(first).slice(0, 40)));
          await respond({ response_type: 'ephemeral', blocks: helpToBlocks(helpContext(), notice), text: helpToText(notice) });
          logRequest({ subcommand: 'unknown-option' });
          return;
        }
        const corpus = deps.getCorpus();
        if (!corpus) {
          await respond({ response_type: 'ephemeral', text: SLACK_MESSAGES.stillLoading });
          return;
        }
        const message = renderAnswerMessage(corpus, text, { showQuestion: true });
        if (rest.length === 0 && message.answer.results.length === 0 && !message.answer.problem) {
          // One unknown word is more likely a mistyped command than a question.
          const notice = SLACK_MESSAGES.unknownWord(escapeMrkdwn(stripSlackMarkup(first).trim().slice(0, 40)));
          await respond({ response_type: 'ephemeral', blocks: helpToBlocks(helpContext(), notice), text: helpToText(notice) });
        } else {
          await respond({ response_type: 'ephemeral', blocks: message.blocks, text: message.text });
        }
        logRequest(answerLogFields(message.answer));
      },
    );
  };
}
