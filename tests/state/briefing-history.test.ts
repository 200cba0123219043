import { mkdtemp, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Briefing } from '../../src/core/briefing.ts';
import { BRIEFINGS_DIR, historyFile, readBriefingHistory, recordBriefing } from '../../src/state/briefing-history.ts';

let stateDir: string;
beforeEach(async () => { stateDir = await mkdtemp(path.join(os.tmpdir(), 'brief-history-')); });
afterEach(async () => { await rm(stateDir, { recursive: true, force: true }); });

const briefing = (asOf: string): Briefing => ({
  version: 1, story: 'S', asOf, articleIds: ['a'], outlets: [], outletUnknown: 1,
  whatsNew: { articles: [], keyPoints: [] }, keyPoints: [], openQuestions: [], timeline: [],
});

describe('briefing history', () => {
  it('keeps the newest briefings per channel, newest last, and loses none of concurrent writes', async () => {
    const dates = Array.from({ length: 8 }, (_, i) => `2025-03-0${i + 1}T07:00:00.000Z`);
    await Promise.all(dates.map((d) => recordBriefing(stateDir, 'C0DESK', briefing(d), 5)));
    const { briefings } = await readBriefingHistory(stateDir, 'C0DESK');
    expect(briefings.map((b) => b.asOf)).toEqual(dates.slice(-5));
    expect((await readBriefingHistory(stateDir, 'C0OTHER')).briefings).toEqual([]);
  });

  it('sets an unreadable history aside and starts afresh, and refuses place names that are not ids', async () => {
    await mkdir(path.join(stateDir, BRIEFINGS_DIR), { recursive: true });
    await writeFile(historyFile(stateDir, 'C0DESK'), '{"version":1,"place":"C0DESK","briefings":[{"asOf":"nope"}]}');
    const read = await readBriefingHistory(stateDir, 'C0DESK', () => new Date('2025-03-04T00:00:00Z'));
    expect(read.briefings).toEqual([]);
    expect(read.setAside?.reason).toMatch(/briefings\.0/);
    expect(await readdir(path.join(stateDir, BRIEFINGS_DIR))).toEqual(['C0DESK.json.corrupt-2025-03-04T00-00-00-000Z']);
    expect(() => historyFile(stateDir, '../etc/passwd')).toThrow(/not a briefing place/);
  });
});
