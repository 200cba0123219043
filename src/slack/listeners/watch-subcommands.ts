/** `/brief watch <question>`, `/brief watches`, `/brief unwatch <n>`: questions a channel wants answered as news lands. */
import { formatDate } from '../../render/format.ts';
import { foldForMatch, normalizeText, stripSlackMarkup, truncateText } from '../../core/text.ts';
import type { Answer } from '../../core/types.ts';
import { citationLine } from '../../render/format.ts';
import { ALERT_MESSAGES, describeProblem } from '../../render/messages.ts';
import type { WatchStore } from '../../state/watch-store.ts';
import { escapeMrkdwn } from '../blocks/escape.ts';
import { contextBlock, section } from '../blocks/fit.ts';
import type { CorpusSource, Subcommand } from '../deps.ts';
import { classifyCallError } from '../post/call-outcome.ts';
import { callSlack } from '../post/call-slack.ts';
import type { Respond } from '../post/respond.ts';

/** Most watches one channel may hold. */
export const DEFAULT_MAX_WATCHES_PER_CHANNEL = 25;

export interface WatchSubcommandDeps {
  watches: WatchStore;
  getCorpus: CorpusSource;
  maxPerChannel?: number;
}

const reply = (respond: Respond, text: string) => respond({ response_type: 'ephemeral', text });

/** Slack's error code when the bot cannot read (so cannot post in) the channel, else undefined. */
async function membershipProblem(run: Parameters<Subcommand['run']>[0]): Promise<string | undefined> {
  try {
    await callSlack(() => run.client.conversations.history({ channel: run.command.channel_id, limit: 1 }));
    return undefined;
  } catch (err) {
    const failure = classifyCallError(err);
    if (failure.status === 'failed' && (failure.error === 'not_in_channel' || failure.error === 'channel_not_found')) return failure.error;
    run.logger.warn({ err }, 'could not check that Brief can post in the channel; adding the watch anyway');
    return undefined;
  }
}

/** Same words in the same order, whatever the case, punctuation or formatting. */
const questionWords = (q: string) => (foldForMatch(q).match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
const sameQuestion = (a: string, b: string) => questionWords(a) === questionWords(b);

/** Whether the corpus answers the question already, so the channel knows what to wait for. */
function alreadyAnswered(answer: Answer): string {
  const source = answer.results.find((r) => r.passage.id === answer.sentence?.passageId);
  if (!answer.confident || !answer.sentence || !source) return ALERT_MESSAGES.watchNotYetAnswered;
  const cite = `${escapeMrkdwn(truncateText(source.article.title, 150))}, ${escapeMrkdwn(citationLine(source.article))}`;
  return ALERT_MESSAGES.watchAlreadyAnswered(escapeMrkdwn(truncateText(answer.sentence.text, 500)), cite);
}

function watchCommand(deps: WatchSubcommandDeps): Subcommand {
  return {
    name: 'watch',
    usage: 'watch <question>',
    description: 'post the answer in this channel when a newly added article answers the question',
    async run(args) {
      const question = normalizeText(stripSlackMarkup(args.text)).slice(0, 500);
      if (!question) return void (await reply(args.respond, ALERT_MESSAGES.watchUsage));
      const answer = deps.getCorpus()?.engine.answer(question);
      if (answer?.problem) return void (await reply(args.respond, describeProblem(answer.problem)));
      const channel = args.command.channel_id;
      // The same question twice would post every answer twice.
      const existing = await deps.watches.inChannel(channel);
      const same = existing.find((w) => sameQuestion(w.question, question));
      if (same) return void (await reply(args.respond, ALERT_MESSAGES.watchDuplicate(same.id, escapeMrkdwn(same.question))));
      const max = deps.maxPerChannel ?? DEFAULT_MAX_WATCHES_PER_CHANNEL;
      if (existing.length >= max) return void (await reply(args.respond, escapeMrkdwn(ALERT_MESSAGES.watchTooMany(max))));
      const notMember = await membershipProblem(args);
      if (notMember) return void (await reply(args.respond, ALERT_MESSAGES.watchNotMember));
      const watch = await deps.watches.add({ channel, question, createdBy: args.command.user_id });
      args.logger.info({ watch: watch.id }, 'watch added');
      await reply(
        args.respond,
        `${ALERT_MESSAGES.watchAdded(watch.id, escapeMrkdwn(question))}\n${answer ? alreadyAnswered(answer) : ''}`.trim(),
      );
    },
  };
}

function watchesCommand(deps: WatchSubcommandDeps): Subcommand {
  return {
    name: 'watches',
    usage: 'watches',
    description: 'list the questions watched in this channel',
    async run({ command, respond }) {
      const list = await deps.watches.inChannel(command.channel_id);
      if (list.length === 0) return void (await reply(respond, escapeMrkdwn(ALERT_MESSAGES.watchesNone)));
      const lines = list.map(
        (w) => `• *#${w.id}* _${escapeMrkdwn(w.question)}_ — <@${w.createdBy.replace(/[^A-Z0-9]/gi, '')}>, ${formatDate(w.createdAt)}`,
      );
      await respond({
        response_type: 'ephemeral',
        text: [ALERT_MESSAGES.watchesTitle, ...list.map((w) => `#${w.id} ${escapeMrkdwn(w.question)}`)].join('\n'),
        blocks: [
          section(`${ALERT_MESSAGES.watchesTitle}\n${lines.join('\n')}`),
          contextBlock([escapeMrkdwn(ALERT_MESSAGES.watchesFooter)]),
        ],
      });
    },
  };
}

function unwatchCommand(deps: WatchSubcommandDeps): Subcommand {
  return {
    name: 'unwatch',
    usage: 'unwatch <n>',
    description: 'stop watching question number n (see `watches`)',
    async run({ text, command, respond, logger }) {
      const match = /^#?(\d{1,9})$/.exec(text.trim());
      if (!match?.[1]) return void (await reply(respond, ALERT_MESSAGES.unwatchUsage));
      const removed = await deps.watches.remove(command.channel_id, Number(match[1]));
      if (!removed) return void (await reply(respond, ALERT_MESSAGES.unwatchMissing(match[1])));
      logger.info({ watch: removed.id }, 'watch removed');
      await reply(respond, ALERT_MESSAGES.unwatched(removed.id, escapeMrkdwn(removed.question)));
    },
  };
}

export function createWatchSubcommands(deps: WatchSubcommandDeps): Subcommand[] {
  return [watchCommand(deps), watchesCommand(deps), unwatchCommand(deps)];
}
