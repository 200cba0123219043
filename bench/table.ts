/** Benchmark rows → a Markdown table, each figure with its ratio to Brief's on the same corpus. */
import type { BenchRow } from './measure.ts';

const COLUMNS: { title: string; key: keyof BenchRow; digits: number }[] = [
  { title: 'build s', key: 'buildMs', digits: 2 },
  { title: 'index MB', key: 'indexMB', digits: 1 },
  { title: 'load ms', key: 'loadMs', digits: 0 },
  { title: 'RSS after load MB', key: 'loadRssMB', digits: 0 },
  { title: 'heap after questions MB', key: 'heapMB', digits: 0 },
  { title: 'RSS after questions MB', key: 'rssMB', digits: 0 },
  { title: 'peak RSS MB', key: 'peakRssMB', digits: 0 },
  { title: 'median ms', key: 'medianMs', digits: 2 },
  { title: 'p99 ms', key: 'p99Ms', digits: 2 },
];

function figure(row: BenchRow, key: keyof BenchRow, digits: number): string {
  const value = Number(row[key]);
  const shown = key === 'buildMs' ? value / 1000 : value;
  return Number.isFinite(shown) ? shown.toFixed(digits) : 'n/a';
}

/** Ratios read "× Brief": 2.0 means twice Brief's figure (slower, or bigger). */
export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['corpus', 'passages', 'engine', ...COLUMNS.map((c) => c.title)];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i < 3 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const row of rows) {
    const brief = rows.find((r) => r.corpus === row.corpus && r.contender === 'Brief');
    const cells = COLUMNS.map(({ key, digits }) => {
      const shown = figure(row, key, digits);
      if (!brief || brief === row) return shown;
      const ratio = Number(row[key]) / Number(brief[key]);
      return Number.isFinite(ratio) ? `${shown} (${ratio.toFixed(2)}×)` : shown;
    });
    lines.push(`| ${row.corpus} | ${row.passages.toLocaleString('en-US')} | ${row.contender} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
