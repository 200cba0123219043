/** The Bolt app: HTTP mode (signed requests at /slack/events, /healthz) or Socket Mode, all listeners wired. */
import { App, HTTPReceiver, LogLevel, type Receiver } from '@slack/bolt';
import type { Server } from 'node:http';
import type { Config } from '../config.ts';
import { toBoltLogger } from './bolt-logger.ts';
import { ACTIONS } from './blocks/answer-blocks.ts';
import { createEventDeduper } from './dedupe-events.ts';
import type { ListenerDeps, Subcommand } from './deps.ts';
import { createAnswerAction } from './listeners/answer-actions.ts';
import { createBriefCommand } from './listeners/brief-command.ts';
import { createDirectMessageListener } from './listeners/direct-message.ts';
import { createMentionListener } from './listeners/mention.ts';

/** Requests larger than this are refused: Slack's own payloads are a few kilobytes. */
export const MAX_REQUEST_BYTES = 1024 * 1024;
export const COMMAND_NAME = '/brief';

export interface SlackAppDeps extends ListenerDeps {
  config: Pick<Config, 'slack' | 'port'>;
  /** Subcommands other features add (`briefing`, `watch`, …). */
  subcommands?: readonly Subcommand[];
  /** True once the corpus is indexed; /healthz answers 503 before. */
  isReady: () => boolean;
}

export interface SlackApp {
  app: App;
  receiver: Receiver | undefined;
  /** Starts listening; in HTTP mode resolves with the bound port. */
  start(): Promise<{ port?: number }>;
  stop(): Promise<void>;
}

export function createSlackApp(deps: SlackAppDeps): SlackApp {
  const { slack } = deps.config;
  const logger = toBoltLogger(deps.logger);
  const clientOptions = slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {};
  let receiver: HTTPReceiver | undefined;
  let app: App;
  if (slack.mode === 'socket') {
    app = new App({ token: slack.botToken, appToken: slack.appToken, socketMode: true, logger, logLevel: LogLevel.DEBUG, clientOptions, convoStore: false });
  } else {
    receiver = new HTTPReceiver({
      signingSecret: slack.signingSecret ?? '',
      endpoints: '/slack/events',
      logger, logLevel: LogLevel.DEBUG,
      bodyLimit: MAX_REQUEST_BYTES,
      customRoutes: [{
        path: '/healthz',
        method: ['GET'],
        handler: (_req, res) => {
          // An unreachable database does not fail the check: answers still work from memory.
          const ready = deps.isReady();
          res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ status: ready ? 'ok' : 'indexing', database: deps.state.health.status() }));
        },
      }],
    });
    // No conversation store: Brief keeps no per-conversation context, and Bolt's default store costs
    // a measurable share of every request under load.
    app = new App({ token: slack.botToken, receiver, logger, logLevel: LogLevel.DEBUG, clientOptions, convoStore: false });
  }

  app.use(createEventDeduper(deps.logger, deps.state.events));
  app.command(COMMAND_NAME, createBriefCommand(deps));
  app.event('app_mention', createMentionListener(deps));
  app.message(createDirectMessageListener(deps));
  app.action(ACTIONS.share, createAnswerAction(deps, 'share'));
  app.action(ACTIONS.more, createAnswerAction(deps, 'more'));
  app.action(ACTIONS.feedbackUp, createAnswerAction(deps, 'up'));
  app.action(ACTIONS.feedbackDown, createAnswerAction(deps, 'down'));
  app.error(async (error) => { deps.logger.error({ err: error }, 'unhandled Bolt error'); });

  return {
    app,
    receiver,
    async start() {
      const started = await app.start(deps.config.port);
      const address = slack.mode === 'http' ? (started as Server).address() : null;
      return typeof address === 'object' && address ? { port: address.port } : {};
    },
    stop: async () => { await app.stop(); },
  };
}
