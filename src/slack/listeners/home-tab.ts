/**
 * The Home tab: `app_home_opened` publishes the user's view (`views.publish`); its buttons send a
 * fresh briefing or the help to the user's messages with Brief, then refresh the view. Events are
 * acked by Bolt before these run; each logs what it did and tells the user when it failed.
 */
import type { AllMiddlewareArgs, App, BlockAction, ButtonAction, SlackActionMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { makeBriefing } from '../../briefing/make-briefing.ts';
import type { Briefing } from '../../core/briefing-types.ts';
import { DEFAULT_STORY_NAME } from '../../core/briefing.ts';
import { loadStandingQuestions } from '../../corpus/load-standing-questions.ts';
import type { Logger } from '../../logger.ts';
import { HOME_MESSAGES } from '../../render/messages.ts';
import type { Watch, WatchStore } from '../../state/watch-store.ts';
import { briefingToMessages } from '../blocks/briefing-blocks.ts';
import { helpToBlocks, helpToText } from '../blocks/help-blocks.ts';
import { HOME_ACTIONS, homeToView } from '../blocks/home-blocks.ts';
import type { ListenerDeps, Subcommand } from '../deps.ts';
import { callSlack } from '../post/call-slack.ts';
import { handleRequest } from './handle-request.ts';

export interface HomeTabDeps extends ListenerDeps {
  corpusDir: string;
  timeZone: string;
  watches: Pick<WatchStore, 'all'>;
  /** Where scheduled briefings go: its latest briefing is shown when newer than the user's own. */
  briefingChannel?: string;
  /** For the help the Help button sends. */
  subcommands: readonly Subcommand[];
}

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** The newest briefing the user has seen: their own (from this tab) or the scheduled channel's. */
async function latestBriefing(deps: HomeTabDeps, user: string): Promise<Briefing | undefined> {
  const places = [user, ...(deps.briefingChannel ? [deps.briefingChannel] : [])];
  const found: Briefing[] = [];
  for (const place of places) {
    const last = (await deps.state.briefings.read(place)).at(-1);
    if (last) found.push(last);
  }
  return found.sort((a, b) => a.asOf.localeCompare(b.asOf)).at(-1);
}

/** Watches in the channels the user is in; without the scopes to list those, the watches they added. */
async function userWatches(deps: HomeTabDeps, client: WebClient, user: string, log: Logger): Promise<Watch[]> {
  const all = await deps.watches.all();
  if (!all.length) return [];
  try {
    const channels = new Set<string>();
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const page = { user, types: 'public_channel,private_channel', limit: 200, exclude_archived: true, ...(cursor ? { cursor } : {}) };
      const res = await callSlack(() => client.users.conversations(page));
      for (const c of res.channels ?? []) if (c.id) channels.add(c.id);
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
    return all.filter((w) => channels.has(w.channel));
  } catch (err) {
    log.warn({ err: (err as Error).message }, 'could not list the user’s channels; showing the watches they added');
    return all.filter((w) => w.createdBy === user);
  }
}

async function storyName(deps: HomeTabDeps, latest: Briefing | undefined): Promise<string> {
  if (latest) return latest.story;
  const loaded = await loadStandingQuestions(deps.corpusDir).catch(() => undefined);
  return loaded?.story ?? DEFAULT_STORY_NAME;
}

async function publishHome(deps: HomeTabDeps, client: WebClient, user: string, log: Logger): Promise<void> {
  const corpus = deps.getCorpus();
  const latest = await latestBriefing(deps, user);
  const stats = corpus?.engine.stats();
  const newest = corpus ? [...corpus.engine.articles].filter((a) => a.published).reverse() : [];
  const watches = await userWatches(deps, client, user, log);
  const view = homeToView({
    story: await storyName(deps, latest),
    ...(stats ? { stats } : {}),
    newest,
    ...(latest ? { latest } : {}),
    watches,
    timeZone: deps.timeZone,
  });
  await callSlack(() => client.views.publish({ user_id: user, view }));
  log.info({ keyPoints: latest?.keyPoints.length ?? 0, watches: watches.length, indexed: !!corpus }, 'home tab published');
}

export function registerHomeTab(app: App, deps: HomeTabDeps): void {
  app.event('app_home_opened', async ({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    if (event.tab !== 'home') return;
    const spec = { deps, fields: { kind: 'home', user: event.user }, failure: 'publishing the home tab failed' };
    await handleRequest(spec, ({ log }) => publishHome(deps, client, event.user, log));
  });

  app.action(HOME_ACTIONS.briefing, async ({ ack, body, client }: ButtonArgs) => {
    const user = body.user.id;
    const dm = (message: { text: string; blocks?: KnownBlock[] }) =>
      callSlack(() => client.chat.postMessage({ channel: user, ...message, unfurl_links: false, unfurl_media: false }));
    await handleRequest(
      {
        deps,
        ack,
        fields: { kind: 'button:home-briefing', user },
        failure: 'fresh briefing from the home tab failed',
        reply: (text) => dm({ text }),
        failureText: HOME_MESSAGES.briefingFailed,
      },
      async ({ log }) => {
        const corpus = deps.getCorpus();
        if (!corpus) {
          await dm({ text: HOME_MESSAGES.indexing });
          return;
        }
        const briefing = await makeBriefing({
          engine: corpus.engine,
          corpusDir: deps.corpusDir,
          history: deps.state.briefings,
          place: user,
          now: deps.now ?? (() => new Date()),
          logger: log,
        });
        for (const m of briefingToMessages(briefing, { timeZone: deps.timeZone })) await dm({ blocks: m.blocks, text: m.text });
        // The user has seen it: it is their watermark for "new since", and what the tab shows.
        await deps.state.briefings.record(user, briefing);
        log.info(
          { keyPoints: briefing.keyPoints.length, disputed: briefing.disputed?.length ?? 0 },
          'fresh briefing sent from the home tab',
        );
        await publishHome(deps, client, user, log);
      },
    );
  });

  app.action(HOME_ACTIONS.help, async ({ ack, body, client }: ButtonArgs) => {
    const user = body.user.id;
    const spec = { deps, ack, fields: { kind: 'button:home-help', user }, failure: 'sending help from the home tab failed' };
    await handleRequest(spec, async ({ log }) => {
      const articles = deps.getCorpus()?.engine.stats().articles ?? 0;
      const blocks = helpToBlocks({ subcommands: deps.subcommands, corpus: { articles } });
      await callSlack(() => client.chat.postMessage({ channel: user, blocks, text: helpToText() }));
      log.info('help sent from the home tab');
    });
  });
}
