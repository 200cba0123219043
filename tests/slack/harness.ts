/** Runs the real Brief (Bolt in HTTP mode on loopback) against the fake Slack, with temp state. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../../src/config.ts';
import { DEFAULTS } from '../../src/defaults.ts';
import type { Timers } from '../../src/schedule/briefing-scheduler.ts';
import { startBrief, type RunningBrief } from '../../src/start-brief.ts';
import { BUNDLED_CORPUS, captureLogger } from '../helpers.ts';
import { startFakeSlack, type FakeSlack } from './fake-slack.ts';
import { buttonBody, eventBody, postSigned, SIGNING_SECRET, slashCommandBody, type SentRequest } from './slack-requests.ts';

export interface TestBrief {
  fake: FakeSlack;
  brief: RunningBrief;
  url: string;
  stateDir: string;
  logs: Record<string, unknown>[];
  command(text: string, responseId?: string): Promise<SentRequest & { responseUrl: string }>;
  event(event: Record<string, unknown>, eventId: string, headers?: Record<string, string>): Promise<SentRequest>;
  click(actionId: string, value: string, responseId?: string): Promise<SentRequest>;
  stop(): Promise<void>;
}

export function testConfig(fake: FakeSlack, dirs: { corpusDir: string; stateDir: string }, extra: Partial<Config> = {}): Config {
  return {
    slack: { botToken: 'xoxb-test-token', mode: 'http', signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl },
    port: 0,
    logLevel: 'debug',
    alertChannels: [],
    ...dirs,
    briefing: { timeZone: DEFAULTS.timeZone },
    corpusSettleMs: DEFAULTS.corpusSettleMs,
    alertDigestAt: DEFAULTS.alertDigestAt,
    ...extra,
  };
}

export interface TestBriefOptions {
  corpusDir?: string;
  config?: Partial<Config>;
  now?: () => Date;
  timers?: Timers;
}

export async function startTestBrief(options: TestBriefOptions = {}): Promise<TestBrief> {
  const fake = await startFakeSlack();
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'brief-state-'));
  const { logger, lines } = captureLogger();
  const brief = await startBrief(testConfig(fake, { corpusDir: options.corpusDir ?? BUNDLED_CORPUS, stateDir }, options.config), logger, {
    ...(options.now ? { now: options.now } : {}),
    ...(options.timers ? { timers: options.timers } : {}),
  });
  await brief.ready;
  const url = `http://127.0.0.1:${brief.port}/slack/events`;
  return {
    fake,
    brief,
    url,
    stateDir,
    logs: lines,
    async command(text, responseId) {
      const responseUrl = fake.responseUrl(responseId);
      return { ...(await postSigned(url, slashCommandBody(text, responseUrl), 'application/x-www-form-urlencoded')), responseUrl };
    },
    event: (event, eventId, headers = {}) => postSigned(url, eventBody(event, eventId), 'application/json', headers),
    click: (actionId, value, responseId) =>
      postSigned(url, buttonBody(actionId, value, fake.responseUrl(responseId)), 'application/x-www-form-urlencoded'),
    async stop() {
      await brief.stop();
      await fake.close();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** Every string anywhere in a Slack payload, for asserting on what a user would see. */
export function allText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(allText).join('\n');
  if (value && typeof value === 'object') return Object.values(value).map(allText).join('\n');
  return '';
}
