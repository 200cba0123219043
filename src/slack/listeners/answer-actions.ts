/** The buttons under a private answer: Share in channel, More results, 👍 / 👎. */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { MESSAGES, SLACK_MESSAGES } from '../../render/messages.ts';
import { createRespond } from '../post/respond.ts';
import type { ListenerDeps } from '../deps.ts';
import { answerLogFields, renderAnswerMessage } from '../render-answer-message.ts';
import { MAX_RESULTS_SHOWN } from '../blocks/answer-blocks.ts';
import { handleRequest } from './handle-request.ts';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
type Kind = 'share' | 'more' | 'up' | 'down';

const valueSchema = z.object({ q: z.string(), o: z.number().int().min(0), t: z.number().int().min(1).max(20), p: z.string().optional() });

export function createAnswerAction(deps: ListenerDeps, kind: Kind) {
  return async ({ ack, action, body }: ButtonArgs): Promise<void> => {
    const respond = createRespond(body.response_url);
    const channel = body.channel?.id;
    await handleRequest(
      {
        deps,
        ack,
        fields: { kind: `button:${kind}`, user: body.user.id, channel },
        failure: `button ${kind} failed`,
        reply: (text) => respond({ response_type: 'ephemeral', replace_original: false, text }),
        failureText: kind === 'share' ? SLACK_MESSAGES.shareFailed : MESSAGES.internalError,
      },
      async ({ logRequest }) => {
        const value = valueSchema.parse(JSON.parse(action.value ?? ''));
        const corpus = deps.getCorpus();
        if (!corpus) {
          await respond({ response_type: 'ephemeral', replace_original: false, text: SLACK_MESSAGES.stillLoading });
          return;
        }
        if (kind === 'up' || kind === 'down') {
          const answer = corpus.engine.answer(value.q, { top: 1 });
          await deps.state.feedback.record({
            at: (deps.now?.() ?? new Date()).toISOString(),
            vote: kind,
            user: body.user.id,
            ...(channel ? { channel } : {}),
            question: value.q,
            answer: answer.sentence?.text ?? null,
            ...(value.p ? { passageId: value.p } : {}),
          });
          await respond({ response_type: 'ephemeral', replace_original: false, text: SLACK_MESSAGES.feedbackThanks(kind) });
          logRequest({ vote: kind });
          return;
        }
        const message =
          kind === 'share'
            ? renderAnswerMessage(corpus, value.q, { top: value.t, offset: value.o, sharedBy: body.user.id, actions: false })
            : // More results keeps the answer and what was shown, and adds the next passages.
              renderAnswerMessage(corpus, value.q, { top: Math.min(value.o + value.t, MAX_RESULTS_SHOWN), offset: 0, showQuestion: true });
        await respond(
          kind === 'share'
            ? { response_type: 'in_channel', replace_original: false, blocks: message.blocks, text: message.text }
            : { response_type: 'ephemeral', replace_original: true, blocks: message.blocks, text: message.text },
        );
        logRequest(answerLogFields(message.answer));
      },
    );
  };
}
