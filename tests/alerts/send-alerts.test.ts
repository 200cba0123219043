import { webApi } from '@slack/bolt';
import { beforeEach, describe, expect, it } from 'vitest';
import { createPostQueue } from '../../src/slack/alerts/post-queue.ts';
import { ALERT_EVENT_TYPE, createAlertSender } from '../../src/slack/alerts/send-alerts.ts';
import type { AlertStore } from '../../src/state/alert-store.ts';
import { captureLogger } from '../helpers.ts';
import { openTestState, testStateConfig } from '../state/test-databases.ts';

/** A virtual clock: sleeping advances it at once, and every sleep is recorded. */
function virtualTime() {
  let t = 1_700_000_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
  };
}

describe('post queue', () => {
  it('spaces posts to one channel by the spacing, and does not hold other channels back', async () => {
    const time = virtualTime();
    const queue = createPostQueue(captureLogger().logger, { spacingMs: 1100, ...time });
    const started: [string, number][] = [];
    const post = (ch: string) =>
      queue.run(ch, async () => {
        started.push([ch, time.now()]);
      });
    await Promise.all([post('C1'), post('C1'), post('C2'), post('C1')]);
    const c1 = started.filter(([ch]) => ch === 'C1').map(([, t]) => t);
    expect(c1[1]! - c1[0]!).toBeGreaterThanOrEqual(1100);
    expect(c1[2]! - c1[1]!).toBeGreaterThanOrEqual(1100);
    expect(started.find(([ch]) => ch === 'C2')?.[1]).toBe(c1[0]);
  });

  it('waits out Retry-After on a 429 and runs the same post again', async () => {
    const time = virtualTime();
    const { logger, lines } = captureLogger();
    const queue = createPostQueue(logger, { spacingMs: 1000, ...time });
    let calls = 0;
    const result = await queue.run('C1', async () => {
      if (++calls < 3) throw new webApi.WebAPIRateLimitedError(7);
      return 'posted';
    });
    expect(result).toBe('posted');
    expect(calls).toBe(3);
    expect(time.sleeps.filter((ms) => ms === 7000)).toHaveLength(2);
    expect(lines.filter((l) => l.retryAfterS === 7)).toHaveLength(2);
  });
});

describe('alert sender', () => {
  let store: AlertStore;
  beforeEach(async () => {
    store = (await openTestState(await testStateConfig('sqlite'))).alerts;
    await store.commit({}, [{ id: 'alert1', channel: 'C1', kind: 'article', covers: ['a@h'], message: { text: 'New', blocks: [] } }]);
  });

  /** A stand-in Web client: posts land in `channel`; `lose` drops the reply of the first post. */
  function client(options: { lose?: boolean; postError?: Error; historyError?: Error } = {}) {
    const channel: { ts: string; metadata: { event_type: string; event_payload: Record<string, unknown> } }[] = [];
    let posts = 0;
    const api = {
      chat: {
        postMessage: async (args: { metadata: { event_type: string; event_payload: Record<string, unknown> } }) => {
          posts++;
          if (options.postError) throw options.postError;
          channel.push({ ts: `${posts}.0001`, metadata: args.metadata });
          if (options.lose && posts === 1) throw new webApi.WebAPIRequestError(new Error('socket hang up'));
          return { ok: true, ts: `${posts}.0001` };
        },
      },
      conversations: {
        history: async () => {
          if (options.historyError) throw options.historyError;
          return { ok: true, messages: [...channel].reverse() };
        },
      },
    };
    return { api: api as unknown as webApi.WebClient, channel, posts: () => posts };
  }

  const sender = (api: webApi.WebClient, logger = captureLogger().logger, owner = 'replica-a') => {
    const time = virtualTime();
    return createAlertSender({
      client: api,
      store,
      logger,
      queue: createPostQueue(logger, { spacingMs: 10, ...time }),
      options: { sleep: time.sleep, owner },
    });
  };

  it('posts with the alert id in the metadata, unfurling off, and records the ts', async () => {
    const c = client();
    await sender(c.api).deliverAll();
    expect(c.channel).toEqual([{ ts: '1.0001', metadata: { event_type: ALERT_EVENT_TYPE, event_payload: { alert_id: 'alert1' } } }]);
    expect(await store.entry('alert1')).toMatchObject({ status: 'sent', ts: '1.0001', attempts: 1 });
  });

  it('does not post again when the reply to a post that went through was lost', async () => {
    const c = client({ lose: true });
    await sender(c.api).deliverAll();
    expect(c.channel).toHaveLength(1);
    expect(c.posts()).toBe(1);
    expect(await store.entry('alert1')).toMatchObject({ status: 'sent', ts: '1.0001' });
  });

  it('marks an alert Slack refuses as failed, says why, and does not retry it', async () => {
    const c = client({ postError: new webApi.WebAPIPlatformError({ ok: false, error: 'not_in_channel' }) });
    const { logger, lines } = captureLogger();
    await sender(c.api, logger).deliverAll();
    expect(c.posts()).toBe(1);
    expect(await store.entry('alert1')).toMatchObject({ status: 'failed', error: 'not_in_channel' });
    expect(lines.find((l) => l.level === 50)?.msg).toMatch(/invite Brief/);
  });

  it('does not repost an unconfirmed alert it cannot check, and reports it', async () => {
    await store.update('alert1', { status: 'posting', postingSince: new Date().toISOString() });
    const c = client({ historyError: new webApi.WebAPIPlatformError({ ok: false, error: 'missing_scope' }) });
    await sender(c.api).deliverAll();
    expect(c.posts()).toBe(0);
    expect(await store.entry('alert1')).toMatchObject({ status: 'failed', error: 'unverified: missing_scope' });
  });
});

describe('alert sender on two replicas', () => {
  it('posts an entry both replicas deliver at once exactly once, and leaves an entry another replica holds alone until its lease ends', async () => {
    let clock = new Date('2025-03-03T10:00:00Z');
    const config = await testStateConfig('sqlite');
    const a = await openTestState(config, undefined, { now: () => clock });
    const b = await openTestState(config, undefined, { now: () => clock });
    await a.alerts.commit({}, [{ id: 'alert1', channel: 'C1', kind: 'article', covers: ['a@h'], message: { text: 'New', blocks: [] } }]);
    const posted: string[] = [];
    const api = {
      chat: {
        postMessage: async () => {
          posted.push('C1');
          return { ok: true, ts: `${posted.length}.0001` };
        },
      },
      conversations: { history: async () => ({ ok: true, messages: [] }) },
    } as unknown as webApi.WebClient;
    const make = (store: AlertStore, owner: string) => {
      const time = virtualTime();
      const logger = captureLogger().logger;
      return createAlertSender({
        client: api,
        store,
        logger,
        queue: createPostQueue(logger, { spacingMs: 10, ...time }),
        options: { sleep: time.sleep, owner, now: () => clock, leaseMs: 15_000 },
      });
    };
    await Promise.all([make(a.alerts, 'A').deliverAll(), make(b.alerts, 'B').deliverAll()]);
    expect(posted).toHaveLength(1);
    expect(await b.alerts.entry('alert1')).toMatchObject({ status: 'sent' });

    // A replica killed mid-post leaves its entry `posting` under its lease: B waits for the lease to end.
    await a.alerts.commit({}, [{ id: 'alert2', channel: 'C1', kind: 'article', covers: ['b@h'], message: { text: 'Newer', blocks: [] } }]);
    expect(await a.alerts.claim('alert2', 'A', new Date(clock.getTime() + 15_000))).toBe(true);
    await a.alerts.update('alert2', { status: 'posting', postingSince: clock.toISOString(), attempts: 1 });
    await make(b.alerts, 'B').deliverAll();
    expect(posted).toHaveLength(1);
    clock = new Date(clock.getTime() + 15_000);
    await make(b.alerts, 'B').deliverAll();
    expect(posted).toHaveLength(2);
    expect(await b.alerts.entry('alert2')).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
