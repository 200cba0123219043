import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALERT_STATE_FILE, openAlertStore, type OutboxDraft } from '../../src/state/alert-store.ts';
import { openWatchStore } from '../../src/state/watch-store.ts';
import { captureLogger } from '../helpers.ts';

let dir: string;
beforeEach(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'brief-alert-state-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

const draft = (id: string): OutboxDraft => ({ id, channel: 'C1', kind: 'article', covers: [`${id}@h`], message: { text: id, blocks: [] } });

describe('alert store', () => {
  it('starts as a first start, then remembers seen articles and the outbox across reopening', async () => {
    const { logger } = captureLogger();
    const store = await openAlertStore(dir, logger);
    expect(store.firstStart).toBe(true);
    await store.commit({ a: { seen: 'h1', basis: 'h1' } }, [draft('x'), draft('y')]);
    await store.update('x', { status: 'sent', ts: '1.2' });
    const again = await openAlertStore(dir, logger);
    expect(again.firstStart).toBe(false);
    expect(again.known()).toEqual({ a: { seen: 'h1', basis: 'h1' } });
    expect(again.unsent().map((e) => e.id)).toEqual(['y']);
    expect(again.entry('x')).toMatchObject({ status: 'sent', ts: '1.2' });
  });

  it('queues an alert id once, however often it is planned', async () => {
    const store = await openAlertStore(dir, captureLogger().logger);
    expect(await store.commit({}, [draft('x')])).toHaveLength(1);
    expect(await store.commit({}, [draft('x')])).toHaveLength(0);
    expect(store.unsent()).toHaveLength(1);
  });

  it('sets a corrupt file aside, says so, and starts without a flood', async () => {
    await writeFile(path.join(dir, ALERT_STATE_FILE), '{"version": 1, "articles": {');
    const { logger, lines } = captureLogger();
    const store = await openAlertStore(dir, logger, { now: () => new Date('2025-03-03T10:00:00Z') });
    expect(store.firstStart).toBe(true);
    const report = lines.find((l) => l.level === 50);
    expect(report?.msg).toMatch(/alert state is corrupt: set aside/);
    expect(report?.setAsideAs).toMatch(/alerts\.json\.corrupt-2025-03-03/);
    expect(await readdir(dir)).toEqual(['alerts.json.corrupt-2025-03-03T10-00-00-000Z']);
  });
});

describe('watch store', () => {
  it('adds, lists per channel and removes watches, and keeps them across reopening', async () => {
    const { logger } = captureLogger();
    const watches = await openWatchStore(dir, logger);
    const one = await watches.add({ channel: 'C1', question: 'who ordered the pause', createdBy: 'U1' });
    await watches.add({ channel: 'C2', question: 'how long', createdBy: 'U1' });
    expect(one.id).toBe(1);
    expect(await watches.remove('C2', 1)).toBeUndefined();
    const reopened = await openWatchStore(dir, logger);
    expect(reopened.inChannel('C1').map((w) => w.question)).toEqual(['who ordered the pause']);
    expect((await reopened.remove('C1', 1))?.question).toBe('who ordered the pause');
    expect((await reopened.add({ channel: 'C1', question: 'why', createdBy: 'U1' })).id).toBe(3);
  });
});
