/**
 * `/brief briefing` (the story so far, privately, with Share in channel) and `/brief briefing last`
 * (the previous briefing posted in this channel). Sharing posts it to the channel and makes it the
 * channel's watermark; a private briefing does not, since the channel has not seen it.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { lastBriefing, makeBriefing } from '../../briefing/make-briefing.ts';
import { formatAsOf } from '../../render/briefing-text.ts';
import type { Briefing } from '../../core/briefing-types.ts';
import { BRIEFING_MESSAGES, MESSAGES, SLACK_MESSAGES } from '../../render/messages.ts';
import { briefingToMessages, type BriefingBlocksOptions } from '../blocks/briefing-blocks.ts';
import { decodeSlackText, escapeMrkdwn } from '../blocks/escape.ts';
import type { ListenerDeps, Subcommand } from '../deps.ts';
import { createRespond, type Respond } from '../post/respond.ts';
import { handleRequest } from './handle-request.ts';

export interface BriefingListenerDeps extends ListenerDeps {
  corpusDir: string;
  /** IANA time zone for times shown (BRIEFING_TZ). */
  timeZone: string;
}

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

const clock = (deps: ListenerDeps) => deps.now ?? (() => new Date());

/** Makes the briefing for a channel from the corpus as it is now; undefined while still indexing. */
async function briefingFor(deps: BriefingListenerDeps, channel: string, logger: ListenerDeps['logger']): Promise<Briefing | undefined> {
  const corpus = deps.getCorpus();
  if (!corpus) return undefined;
  return makeBriefing({
    engine: corpus.engine,
    corpusDir: deps.corpusDir,
    history: deps.state.briefings,
    place: channel,
    now: clock(deps),
    logger,
  });
}

async function respondAll(respond: Respond, briefing: Briefing, options: BriefingBlocksOptions, inChannel: boolean): Promise<void> {
  for (const m of briefingToMessages(briefing, options)) {
    await respond(
      inChannel
        ? { response_type: 'in_channel', replace_original: false, blocks: m.blocks, text: m.text }
        : { response_type: 'ephemeral', replace_original: false, blocks: m.blocks, text: m.text },
    );
  }
}

export function createBriefingSubcommand(deps: BriefingListenerDeps): Subcommand {
  return {
    name: 'briefing',
    usage: 'briefing [last]',
    description:
      'the story so far: what is new since the last briefing here, key points and a timeline, each cited (`last`: the previous briefing in this channel)',
    async run({ text, command, respond, logger }) {
      const arg = text.trim().toLowerCase();
      const channel = command.channel_id;
      if (arg === 'last') {
        const last = await lastBriefing(deps.state.briefings, channel);
        if (!last) {
          await respond({ response_type: 'ephemeral', text: BRIEFING_MESSAGES.noPrevious });
          return;
        }
        await respondAll(
          respond,
          last,
          { timeZone: deps.timeZone, note: BRIEFING_MESSAGES.pastBriefing(formatAsOf(last.asOf, deps.timeZone)) },
          false,
        );
        return;
      }
      if (arg) {
        await respond({
          response_type: 'ephemeral',
          text: BRIEFING_MESSAGES.unknownArgument(escapeMrkdwn(decodeSlackText(text).trim().slice(0, 40))),
        });
        return;
      }
      const briefing = await briefingFor(deps, channel, logger);
      if (!briefing) {
        await respond({ response_type: 'ephemeral', text: SLACK_MESSAGES.stillLoading });
        return;
      }
      await respondAll(respond, briefing, { timeZone: deps.timeZone, actions: true }, false);
      logger.info(
        {
          briefing: 'private',
          keyPoints: briefing.keyPoints.length,
          open: briefing.openQuestions.length,
          newArticles: briefing.whatsNew.articles.length,
        },
        'briefing made',
      );
    },
  };
}

/** The Share-in-channel button under a private briefing. */
export function createBriefingShareAction(deps: BriefingListenerDeps) {
  return async ({ ack, body }: ButtonArgs): Promise<void> => {
    const respond = createRespond(body.response_url);
    const channel = body.channel?.id;
    await handleRequest(
      {
        deps,
        ack,
        fields: { kind: 'button:briefing-share', user: body.user.id, channel },
        failure: 'sharing a briefing failed',
        reply: (text) => respond({ response_type: 'ephemeral', replace_original: false, text }),
        failureText: channel ? BRIEFING_MESSAGES.shareFailed : MESSAGES.internalError,
      },
      async ({ log, logRequest }) => {
        if (!channel) throw new Error('no channel in the button payload');
        const briefing = await briefingFor(deps, channel, log);
        if (!briefing) {
          await respond({ response_type: 'ephemeral', replace_original: false, text: SLACK_MESSAGES.stillLoading });
          return;
        }
        await respondAll(respond, briefing, { timeZone: deps.timeZone, sharedBy: body.user.id }, true);
        await deps.state.briefings.record(channel, briefing);
        logRequest({ briefing: 'shared' });
      },
    );
  };
}
