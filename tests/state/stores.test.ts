/** The store suite: every store on SQLite and, when DATABASE_URL is set, on PostgreSQL. */
import { describe, expect, it } from 'vitest';
import type { OutboxDraft } from '../../src/state/alert-store.ts';
import { captureLogger } from '../helpers.ts';
import { openState } from '../../src/state/open-state.ts';
import {
  BACKENDS,
  openTestState,
  PG_SKIP_REASON,
  PG_URL,
  skipBackend,
  tempStateDir,
  testStateConfig,
  warnIfNoPostgres,
  minimalBriefing as briefing,
} from './test-databases.ts';

warnIfNoPostgres();

const draft = (id: string, channel = 'C1'): OutboxDraft => ({
  id,
  channel,
  kind: 'article',
  covers: [`${id}@h`],
  message: { text: id, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: id } }] },
});

for (const backend of BACKENDS) {
  describe.skipIf(skipBackend(backend))(`stores on ${backend}${skipBackend(backend) ? ` (${PG_SKIP_REASON})` : ''}`, () => {
    describe('alert store', () => {
      it('starts as a first start, then remembers seen articles and the outbox across reopening', async () => {
        const config = await testStateConfig(backend);
        const state = await openTestState(config);
        expect(await state.alerts.firstStart()).toBe(true);
        await state.alerts.commit({ a: { seen: 'h1', basis: 'h1' }, b: { seen: 'h2', basis: 'h2' } }, [draft('x'), draft('y')]);
        await state.alerts.update('x', { status: 'sent', ts: '1.2' });
        await state.alerts.commit({ a: { seen: 'h3', basis: 'h1' } }, []);
        await state.close();
        const again = await openTestState(config);
        expect(await again.alerts.firstStart()).toBe(false);
        expect(await again.alerts.known()).toEqual({ a: { seen: 'h3', basis: 'h1' } });
        expect((await again.alerts.unsent()).map((e) => e.id)).toEqual(['y']);
        expect(await again.alerts.entry('x')).toMatchObject({ status: 'sent', ts: '1.2', covers: ['x@h'], message: draft('x').message });
      });

      it('queues an alert id once, however often it is planned, and keeps unsent entries in order', async () => {
        const state = await openTestState(await testStateConfig(backend));
        expect(await state.alerts.commit({}, [draft('x')])).toHaveLength(1);
        expect(await state.alerts.commit({}, [draft('x'), draft('w'), draft('v')])).toHaveLength(2);
        expect((await state.alerts.unsent()).map((e) => e.id)).toEqual(['x', 'w', 'v']);
      });

      it('keeps only the newest sent entries', async () => {
        const config = await testStateConfig(backend);
        const { alerts } = await openTestState(config);
        await alerts.commit(
          {},
          ['a', 'b', 'c', 'd'].map((id) => draft(id)),
        );
        for (const id of ['a', 'b', 'c']) await alerts.update(id, { status: 'sent' });
        const { createAlertStore } = await import('../../src/state/alert-store.ts');
        const state = await openTestState(config);
        const small = createAlertStore(state.database, { keepSent: 2 });
        await small.commit({}, [draft('e')]);
        expect(await small.entry('a')).toBeUndefined();
        expect((await small.entry('b'))?.status).toBe('sent');
        expect((await small.unsent()).map((e) => e.id)).toEqual(['d', 'e']);
      });

      it('lets one owner at a time hold an entry, until its lease runs out or it is released or sent', async () => {
        let clock = new Date('2025-03-03T10:00:00Z');
        const state = await openTestState(await testStateConfig(backend), undefined, { now: () => clock });
        const { alerts } = state;
        await alerts.commit({}, [draft('x')]);
        const in30s = () => new Date(clock.getTime() + 30_000);
        expect(await alerts.claim('x', 'A', in30s())).toBe(true);
        expect(await alerts.claim('x', 'B', in30s())).toBe(false);
        expect(await alerts.claim('x', 'A', in30s())).toBe(true); // a renewal
        clock = new Date(clock.getTime() + 30_000);
        expect(await alerts.claim('x', 'B', in30s())).toBe(true); // A's lease ran out
        await alerts.release('x', 'A'); // not A's any more: no effect
        expect(await alerts.claim('x', 'A', in30s())).toBe(false);
        await alerts.release('x', 'B');
        expect(await alerts.claim('x', 'A', in30s())).toBe(true);
        await alerts.update('x', { status: 'sent' });
        await alerts.release('x', 'A');
        expect(await alerts.claim('x', 'B', in30s())).toBe(false);
      });

      it('lets exactly one of many simultaneous claims win', async () => {
        const config = await testStateConfig(backend);
        const a = await openTestState(config);
        const b = await openTestState(config);
        await a.alerts.commit({}, [draft('x')]);
        const until = new Date(Date.now() + 30_000);
        const wins = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).alerts.claim('x', `owner-${i}`, until)));
        expect(wins.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('watch store', () => {
      it('adds, lists per channel and removes watches, never reuses a number, and is shared by two openings', async () => {
        const config = await testStateConfig(backend);
        const one = await openTestState(config);
        const two = await openTestState(config);
        const first = await one.watches.add({ channel: 'C1', question: 'who ordered the pause', createdBy: 'U1' });
        await one.watches.add({ channel: 'C2', question: 'how long', createdBy: 'U1' });
        expect(first.id).toBe(1);
        expect(await one.watches.remove('C2', 1)).toBeUndefined();
        expect((await two.watches.inChannel('C1')).map((w) => w.question)).toEqual(['who ordered the pause']);
        expect((await two.watches.all()).map((w) => w.id)).toEqual([1, 2]);
        expect((await two.watches.remove('C1', 1))?.question).toBe('who ordered the pause');
        expect((await one.watches.add({ channel: 'C1', question: 'why', createdBy: 'U1' })).id).toBe(3);
        const ids = await Promise.all(
          [one, two, one, two].map((s, i) => s.watches.add({ channel: 'C3', question: `q${i}`, createdBy: 'U2' })),
        );
        expect(new Set(ids.map((w) => w.id)).size).toBe(4);
      });
    });

    describe('article versions', () => {
      it('saves changed snapshots and reads back what another opening wrote', async () => {
        const config = await testStateConfig(backend);
        const one = await openTestState(config);
        const two = await openTestState(config);
        await one.articleVersions.save({
          a: { hash: 'h1', title: 'A', sentences: ['One.', 'Two.'] },
          b: { hash: 'h2', title: 'B', sentences: [] },
        });
        expect(await two.articleVersions.all()).toEqual({
          a: { hash: 'h1', title: 'A', sentences: ['One.', 'Two.'] },
          b: { hash: 'h2', title: 'B', sentences: [] },
        });
        await one.articleVersions.save({ a: { hash: 'h3', title: 'A2', sentences: ['Three.'] } });
        expect((await two.articleVersions.all()).a).toEqual({ hash: 'h3', title: 'A2', sentences: ['Three.'] });
      });
    });

    describe('briefing history', () => {
      it('keeps the newest briefings per place, newest last, loses none of concurrent writes, and refuses names that are not ids', async () => {
        const { briefings } = await openTestState(await testStateConfig(backend));
        const dates = Array.from({ length: 8 }, (_, i) => `2025-03-0${i + 1}T07:00:00.000Z`);
        for (const d of dates.slice(0, 6)) await briefings.record('C0DESK', briefing(d), 5);
        expect((await briefings.read('C0DESK')).map((b) => b.asOf)).toEqual(dates.slice(1, 6));
        // Concurrent writes (a share and a scheduled post at once) all land, in whichever order they commit.
        await Promise.all(dates.slice(6).map((d) => briefings.record('C0DESK', briefing(d), 5)));
        const kept = (await briefings.read('C0DESK')).map((b) => b.asOf);
        expect(kept.slice(0, 3)).toEqual(dates.slice(3, 6));
        expect(new Set(kept.slice(3))).toEqual(new Set(dates.slice(6)));
        expect(await briefings.read('C0OTHER')).toEqual([]);
        await expect(briefings.read('../etc/passwd')).rejects.toThrow(/not a briefing place/);
      });
    });

    describe('briefing slots', () => {
      it('lets one claim of a slot win, records the outcome, and keeps the schedule start', async () => {
        const config = await testStateConfig(backend);
        let clock = new Date('2025-03-03T08:00:00Z');
        const one = await openTestState(config, undefined, { now: () => clock });
        const two = await openTestState(config, undefined, { now: () => clock });
        const schedule = { cron: '0 12 * * *', timeZone: 'UTC', channel: 'C0ONCALL' };
        expect((await one.slots.open(schedule)).since.toISOString()).toBe('2025-03-03T08:00:00.000Z');
        clock = new Date('2025-03-03T09:00:00Z');
        expect((await two.slots.open(schedule)).since.toISOString()).toBe('2025-03-03T08:00:00.000Z');
        const slot = new Date('2025-03-03T12:00:00Z');
        const claims = await Promise.all([one.slots.claim(slot, false), two.slots.claim(slot, false), one.slots.claim(slot, false)]);
        expect(claims.filter(Boolean)).toHaveLength(1);
        await one.slots.finish(slot, { status: 'posted', ts: ['1.1', '1.2'] });
        expect(await two.slots.get(slot)).toMatchObject({
          status: 'posted',
          channel: 'C0ONCALL',
          catchUp: false,
          ts: ['1.1', '1.2'],
          finishedAt: '2025-03-03T09:00:00.000Z',
        });
        expect((await two.slots.open({ ...schedule, cron: '0 13 * * *' })).since.toISOString()).toBe('2025-03-03T09:00:00.000Z');
      });
    });

    describe('feedback, feed state and seen events', () => {
      it('records feedback in order', async () => {
        const { feedback } = await openTestState(await testStateConfig(backend));
        await feedback.record({ at: '2025-03-03T10:00:00.000Z', vote: 'up', user: 'U1', question: 'q1', answer: null });
        await feedback.record({
          at: '2025-03-03T10:01:00.000Z',
          vote: 'down',
          user: 'U2',
          channel: 'C1',
          question: 'q2',
          answer: 'a',
          passageId: 'p1',
        });
        expect(await feedback.all()).toEqual([
          { at: '2025-03-03T10:00:00.000Z', vote: 'up', user: 'U1', question: 'q1', answer: null },
          { at: '2025-03-03T10:01:00.000Z', vote: 'down', user: 'U2', channel: 'C1', question: 'q2', answer: 'a', passageId: 'p1' },
        ]);
      });

      it('keeps one record per feed', async () => {
        const { feeds } = await openTestState(await testStateConfig(backend));
        const record = {
          firstPolledAt: '2025-03-03T10:00:00.000Z',
          etag: '"e1"',
          seen: { 'guid:1': '2025-03-03T10:00:00.000Z' },
          failures: {},
        };
        await feeds.saveFeed('https://a.example/rss', record);
        await feeds.saveFeed('https://a.example/rss', { ...record, etag: '"e2"' });
        await feeds.saveFeed('https://b.example/rss', record);
        expect(await feeds.load()).toEqual({
          version: 1,
          feeds: { 'https://a.example/rss': { ...record, etag: '"e2"' }, 'https://b.example/rss': record },
        });
      });

      it('marks an event id seen once across openings, and forgets it after the retention', async () => {
        const config = await testStateConfig(backend);
        let clock = new Date('2025-03-03T10:00:00Z');
        const one = await openTestState(config, captureLogger().logger, { now: () => clock });
        const two = await openTestState(config, captureLogger().logger, { now: () => clock });
        const firsts = await Promise.all([one.events.markSeen('Ev1'), two.events.markSeen('Ev1'), one.events.markSeen('Ev1')]);
        expect(firsts.filter(Boolean)).toHaveLength(1);
        expect(await two.events.markSeen('Ev2')).toBe(true);
        clock = new Date('2025-03-05T10:00:00Z');
        expect(await one.events.prune()).toBe(2);
        expect(await one.events.markSeen('Ev1')).toBe(true);
      });
    });

    it('reports the database as reachable', async () => {
      const state = await openTestState(await testStateConfig(backend));
      expect(await state.health.check()).toBe('ok');
      expect(state.dialect).toBe(backend);
    });
  });
}

describe('opening the state', () => {
  it('names the database, without its password, when it cannot be reached', async () => {
    const stateDir = await tempStateDir();
    const { logger, lines } = captureLogger();
    // Port 9 on loopback: nothing listens there, so the connection is refused at once.
    await expect(openState({ stateDir, databaseUrl: 'postgres://brief:never-shown-pw@127.0.0.1:9/brief' }, logger)).rejects.toThrow(
      /^the state database postgres:\/\/brief@127\.0\.0\.1:9\/brief could not be opened: .*Check that PostgreSQL is running/,
    );
    expect(JSON.stringify(lines)).not.toContain('never-shown-pw');
  });
});

describe.skipIf(!PG_URL)(`PostgreSQL transactions${PG_URL ? '' : ` (${PG_SKIP_REASON})`}`, () => {
  it('runs a transaction again when PostgreSQL aborts it for a deadlock', async () => {
    const { logger, lines } = captureLogger();
    const { database } = await openTestState(await testStateConfig('postgres'), logger);
    // Two transactions take the same two rows in opposite order: one of them is chosen as the victim.
    let arrived = 0;
    let release!: () => void;
    const bothHoldOne = new Promise<void>((resolve) => {
      release = resolve;
    });
    const meet = async () => {
      if (++arrived === 2) release();
      await bothHoldOne;
    };
    const bump = (tx: typeof database.db, name: string) =>
      tx
        .updateTable('counters')
        .set((eb) => ({ value: eb('value', '+', 1) }))
        .where('name', '=', name)
        .execute();
    await Promise.all([
      database.transaction(async (tx) => {
        await bump(tx, 'watch');
        await meet();
        await bump(tx, 'briefing');
      }),
      database.transaction(async (tx) => {
        await bump(tx, 'briefing');
        await meet();
        await bump(tx, 'watch');
      }),
    ]);
    const counters = await database.db
      .selectFrom('counters')
      .selectAll()
      .where('name', 'in', ['watch', 'briefing'])
      .orderBy('name')
      .execute();
    expect(counters.map((c) => [c.name, Number(c.value)])).toEqual([
      ['briefing', 2],
      ['watch', 2],
    ]);
    expect(lines.some((l) => l.code === '40P01' && String(l.msg).startsWith('transaction aborted by PostgreSQL'))).toBe(true);
  });
});
