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
import { createStaleActionListener, createStaleShortcutListener } from './listeners/stale-interactions.ts';
import { BRIEFING_ACTIONS } from './blocks/briefing-blocks.ts';
import { HOME_ACTIONS } from './blocks/home-blocks.ts';
import { guardRequests, SLACK_SERVER_OPTIONS } from './guard-requests.ts';
import { webClientOptions } from './post/web-client.ts';

/** Requests larger than this are refused: Slack's own payloads are a few kilobytes. */
export const MAX_REQUEST_BYTES = 1024 * 1024;
export const COMMAND_NAME = '/brief';
/** Every action_id Brief listens for; other buttons are out of date. */
export const KNOWN_ACTION_IDS: ReadonlySet<string> = new Set([
  ...Object.values(ACTIONS),
  ...Object.values(BRIEFING_ACTIONS),
  ...Object.values(HOME_ACTIONS),
]);

export interface SlackAppDeps extends ListenerDeps {
  config: Pick<Config, 'slack' | 'port'>;
  /** Subcommands other features add (`briefing`, `watch`, …). */
  subcommands?: readonly Subcommand[];
  /** Node server timeouts in HTTP mode; default {@link SLACK_SERVER_OPTIONS}. */
  serverOptions?: { headersTimeout?: number; requestTimeout?: number; connectionsCheckingInterval?: number };
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
  // The listeners' client comes from the one factory, with the Web API client's own retries (see web-client.ts); Bolt adds its logger.
  const clientOptions = webClientOptions(slack, { repeats: 'safe' });
  let receiver: HTTPReceiver | undefined;
  let app: App;
  if (slack.mode === 'socket') {
    app = new App({
      token: slack.botToken,
      appToken: slack.appToken,
      socketMode: true,
      logger,
      logLevel: LogLevel.DEBUG,
      clientOptions,
      convoStore: false,
      deferInitialization: true,
    });
  } else {
    receiver = new HTTPReceiver({
      signingSecret: slack.signingSecret ?? '',
      endpoints: '/slack/events',
      logger,
      logLevel: LogLevel.DEBUG,
      bodyLimit: MAX_REQUEST_BYTES,
      customRoutes: [
        {
          path: '/healthz',
          method: ['GET'],
          handler: (_req, res) => {
            // An unreachable database does not fail the check: answers still work from memory.
            const ready = deps.isReady();
            res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ status: ready ? 'ok' : 'indexing', database: deps.state.health.status() }));
          },
        },
      ],
    });
    const boltListener = receiver.requestListener;
    receiver.requestListener = guardRequests((req, res) => boltListener(req, res), {
      bodyLimit: MAX_REQUEST_BYTES,
      paths: ['/slack/events'],
      warn: (fields, msg) => deps.logger.warn(fields, msg),
    });
    // No conversation store: Brief keeps no per-conversation context, and Bolt's default store costs
    // a measurable share of every request under load.
    // Initialised in start(): Bolt's own auth.test would otherwise fail as an unhandled rejection, not as start()'s error.
    app = new App({
      token: slack.botToken,
      receiver,
      logger,
      logLevel: LogLevel.DEBUG,
      clientOptions,
      convoStore: false,
      deferInitialization: true,
    });
  }

  app.use(createEventDeduper(deps.logger, deps.state.events));
  app.command(COMMAND_NAME, createBriefCommand(deps));
  app.event('app_mention', createMentionListener(deps));
  app.message(createDirectMessageListener(deps));
  app.action(ACTIONS.share, createAnswerAction(deps, 'share'));
  app.action(ACTIONS.more, createAnswerAction(deps, 'more'));
  app.action(ACTIONS.feedbackUp, createAnswerAction(deps, 'up'));
  app.action(ACTIONS.feedbackDown, createAnswerAction(deps, 'down'));
  app.action({ type: 'block_actions' }, createStaleActionListener(KNOWN_ACTION_IDS, deps));
  app.shortcut(/.*/, createStaleShortcutListener(deps));
  app.error(async (error) => {
    deps.logger.error({ err: error }, 'unhandled Bolt error');
  });

  return {
    app,
    receiver,
    async start() {
      await app.init();
      const started = await app.start(deps.config.port, { ...SLACK_SERVER_OPTIONS, ...deps.serverOptions });
      const address = slack.mode === 'http' ? (started as Server).address() : null;
      return typeof address === 'object' && address ? { port: address.port } : {};
    },
    stop: async () => {
      await app.stop();
    },
  };
}
