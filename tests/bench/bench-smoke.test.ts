import { describe, expect, it } from 'vitest';
import { headlineQuestions, scaleArticles } from '../../bench/bbc.ts';
import { benchInProcess } from '../../bench/measure.ts';
import { CONTENDERS } from '../../bench/peers.ts';
import { formatTable } from '../../bench/table.ts';
import { loadCorpus } from '../../src/corpus/load-corpus.ts';
import { BUNDLED_CORPUS } from '../helpers.ts';

// The bench code on a tiny corpus (the bundled one, two copies): every engine builds, serialises,
// loads and answers, and the table has one row per engine. No timing is asserted.
describe('bench smoke', () => {
  it('measures every engine and prints one table row each, with ratios to Brief', async () => {
    const { articles } = await loadCorpus(BUNDLED_CORPUS);
    const scaled = scaleArticles(articles, 2);
    const questions = headlineQuestions(scaled, 8);
    expect(questions).toHaveLength(8);
    const rows = benchInProcess(CONTENDERS, scaled, questions, 2);
    expect(rows.map((r) => r.contender)).toEqual(['Brief', 'MiniSearch (defaults)', 'Lunr']);
    for (const row of rows) {
      expect(row.passages).toBeGreaterThan(4);
      for (const value of [row.buildMs, row.loadMs, row.medianMs, row.p99Ms, row.indexMB, row.rssMB]) expect(Number.isFinite(value)).toBe(true);
    }
    const lines = formatTable(rows).split('\n');
    expect(lines).toHaveLength(2 + rows.length);
    expect(lines[0]).toMatch(/^\| corpus \| passages \| engine \| build s .* median ms \| p99 ms \|$/);
    expect(lines[2]).toMatch(/^\| BBC 2× \| \d+ \| Brief \|/);
    expect(lines[3]).toMatch(/MiniSearch \(defaults\) \| [\d.]+ \([\d.]+×\)/);
  });

  it('scaled copies are distinct enough not to be collapsed as duplicates', async () => {
    const { articles } = await loadCorpus(BUNDLED_CORPUS);
    const [one, two] = [benchInProcess(CONTENDERS.slice(0, 1), scaleArticles(articles, 1), ['pause'])[0]!, benchInProcess(CONTENDERS.slice(0, 1), scaleArticles(articles, 2), ['pause'])[0]!];
    expect(two.passages).toBe(2 * one.passages);
  });
});
