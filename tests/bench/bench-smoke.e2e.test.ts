import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { headlineQuestions, scaleArticles } from '../../bench/bbc.ts';
import { benchCorpus } from '../../bench/bench-corpus.ts';
import { measureReloadStall } from '../../bench/reload-stall.ts';
import { benchInProcess } from '../../bench/measure.ts';
import { CONTENDERS } from '../../bench/peers.ts';
import { withGenerated } from '../../bench/run.ts';
import { formatStartupTable, measureStartup } from '../../bench/startup.ts';
import { formatTable } from '../../bench/table.ts';
import { loadCorpus } from '../../src/corpus/load-corpus.ts';
import { BUNDLED_CORPUS } from '../helpers.ts';

// e2e: the benchmark harness, whole ask processes timed as they start (bench/startup.ts spawns them).
// The bench code on a tiny corpus (the bundled one, two copies): every engine builds, serialises,
// loads and answers, and the table has one row per engine. No timing is asserted.
describe('bench smoke', () => {
  it('measures every engine and prints one table row each, with ratios to Brief', async () => {
    const { articles } = await loadCorpus(BUNDLED_CORPUS);
    const scaled = scaleArticles(articles, 2);
    const questions = headlineQuestions(scaled, 8);
    expect(questions).toHaveLength(8);
    const rows = await benchInProcess(CONTENDERS, scaled, questions, 'BBC 2×');
    expect(rows.map((r) => r.contender)).toEqual(['Brief', 'MiniSearch (defaults)', "MiniSearch (Brief's analyzer)", 'Lunr']);
    for (const row of rows) {
      expect(row.passages).toBeGreaterThan(4);
      for (const value of [row.buildMs, row.loadMs, row.medianMs, row.p99Ms, row.indexMB, row.rssMB, row.loadRssMB, row.peakRssMB])
        expect(Number.isFinite(value)).toBe(true);
    }
    const lines = formatTable(rows).split('\n');
    expect(lines).toHaveLength(2 + rows.length);
    expect(lines[0]).toMatch(/^\| corpus \| passages \| engine \| build s .* median ms \| p99 ms \|$/);
    expect(lines[2]).toMatch(/^\| BBC 2× \| \d+ \| Brief \|/);
    expect(lines[3]).toMatch(/MiniSearch \(defaults\) \| [\d.]+ \([\d.]+×\)/);
    expect(lines[4]).toMatch(/MiniSearch \(Brief's analyzer\) \| [\d.]+ \([\d.]+×\)/);
  });

  it('scaled copies are distinct enough not to be collapsed as duplicates', async () => {
    const { articles } = await loadCorpus(BUNDLED_CORPUS);
    const [one, two] = [
      (await benchInProcess(CONTENDERS.slice(0, 1), scaleArticles(articles, 1), ['pause']))[0]!,
      (await benchInProcess(CONTENDERS.slice(0, 1), scaleArticles(articles, 2), ['pause']))[0]!,
    ];
    expect(two.passages).toBe(2 * one.passages);
  });

  it('times start-up cold and warm as whole ask processes, leaving the caches in place', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'brief-startup-'));
    try {
      await cp(BUNDLED_CORPUS, dir, { recursive: true, filter: (src) => !src.includes('.brief-cache') });
      const figures = measureStartup('bundled', dir, 1);
      for (const value of [figures.coldMs, figures.warmMedianMs, figures.coldPeakMB, figures.warmPeakMB]) expect(value).toBeGreaterThan(0);
      expect((await readdir(path.join(dir, '.brief-cache'))).sort()).toEqual(['files.json', 'index.jsonl']);
      expect(formatStartupTable([figures]).split('\n')[2]).toMatch(
        /^\| bundled \| [\d.]+ s \| \d+ \| [\d.]+ s \([\d.]+ s\), 1 runs \| \d+ \|$/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('picks about N passages of BBC articles evenly, with warm-up questions other than the timed ones', async () => {
    const corpus = await benchCorpus('2000', 40);
    const passages = (await benchInProcess(CONTENDERS.slice(0, 1), corpus.articles, ['pause']))[0]!.passages;
    expect(passages).toBeGreaterThan(1500);
    expect(passages).toBeLessThan(2500);
    expect(new Set(corpus.articles.map((a) => a.id.split('-')[1])).size).toBeGreaterThan(3);
    expect(corpus.questions).toHaveLength(40);
    expect(corpus.questions.filter((q) => corpus.warmUp.includes(q))).toEqual([]);
    const bundled = await benchCorpus('bundled');
    expect(bundled.questions.length).toBeGreaterThan(10);
    expect(bundled.questions.filter((q) => bundled.warmUp.includes(q))).toEqual([]);
  });

  it('measures the event-loop stall while the live corpus reloads a changed file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'brief-reload-'));
    try {
      await cp(BUNDLED_CORPUS, dir, { recursive: true, filter: (src) => !src.includes('.brief-cache') });
      const figures = await measureReloadStall(dir);
      for (const value of [figures.startMs, figures.reloadMs, figures.rssMB]) expect(value).toBeGreaterThan(0);
      expect(figures.reloadStallMs).toBeGreaterThanOrEqual(0);
      expect(await readFile(path.join(dir, (await readdir(dir)).filter((f) => f.endsWith('.md')).sort()[0]!), 'utf8')).toContain(
        'A sentence added to measure a reload.',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rewrites only the generated part of results.md, keeping the notes around it', () => {
    const existing = '# Benchmark results\n\nintro\n<!-- bench:start -->\nold table\n<!-- bench:end -->\n\n## Notes\nkept\n';
    expect(withGenerated(existing, 'new table\n')).toBe(
      '# Benchmark results\n\nintro\n<!-- bench:start -->\nnew table\n<!-- bench:end -->\n\n## Notes\nkept\n',
    );
    expect(withGenerated('', 'new table\n')).toBe('# Benchmark results\n\n<!-- bench:start -->\nnew table\n<!-- bench:end -->\n');
  });
});
