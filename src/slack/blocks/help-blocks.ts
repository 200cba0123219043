/** `/brief help`: what Brief does, with examples. Pure. */
import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn } from './escape.ts';
import { header, section, contextBlock } from './fit.ts';

export interface HelpContext {
  /** Subcommands other features add (`briefing`, `watch …`), each with a one-line description. */
  subcommands: readonly { usage: string; description: string }[];
  corpus: { articles: number };
}

export function helpToBlocks(ctx: HelpContext, notice?: string): KnownBlock[] {
  const commands = [
    escapeMrkdwn(
      '`/brief <question>` — an answer sentence and the best passages, each cited (only you see it; *Share in channel* posts it)',
    ),
    ...ctx.subcommands.map((c) => `\`/brief ${escapeMrkdwn(c.usage)}\` — ${escapeMrkdwn(c.description)}`),
    '`/brief help` — this message',
  ];
  return [
    ...(notice ? [section(notice)] : []),
    header('Brief answers questions about the story from the team’s articles'),
    section(commands.map((c) => `• ${c}`).join('\n')),
    section('*Try:*\n• `/brief who ordered the pause`\n• `/brief how long will the pause last`\n• `/brief what did Schumer say about it`'),
    contextBlock([
      `Mention @Brief in a channel to get the answer in a thread, or send it a direct message. ${ctx.corpus.articles} articles in the corpus.`,
    ]),
  ];
}

export function helpToText(notice?: string): string {
  // `notice` is already escaped mrkdwn; the fixed sentence goes through the escape function here.
  return `${notice ? `${notice}\n` : ''}${escapeMrkdwn('Brief answers questions about the story: /brief <question>, e.g. /brief who ordered the pause. /brief help for more.')}`;
}
