/**
 * Start-up as a user meets it: the whole `npm run ask` process (node, tsx, loading the corpus, the
 * first answer) over a corpus folder, once cold (no .brief-cache: everything read and indexed),
 * then warm runs (persisted index and file cache). Wall time and peak RSS per run.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { quantile } from './measure.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');

export interface StartupFigures {
  corpus: string;
  coldMs: number;
  coldPeakMB: number;
  warmMedianMs: number;
  warmMaxMs: number;
  warmPeakMB: number;
  runs: number;
}

function askOnce(corpusDir: string): { ms: number; peakMB: number } {
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      path.join(HERE, 'report-rss.ts'),
      path.join(ROOT, 'src/cli.ts'),
      'ask',
      '--corpus',
      corpusDir,
      'who ordered the pause',
    ],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    },
  );
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`ask failed on ${corpusDir}: ${run.stderr}`);
  const peak = /bench-peak-rss-mb (\d+)/.exec(run.stderr);
  return { ms, peakMB: peak ? Number(peak[1]) : NaN };
}

/** One cold run (after removing the corpus's .brief-cache), then `runs` warm ones. */
export function measureStartup(label: string, corpusDir: string, runs = 5): StartupFigures {
  rmSync(path.join(corpusDir, '.brief-cache'), { recursive: true, force: true });
  const cold = askOnce(corpusDir);
  const warm = Array.from({ length: runs }, () => askOnce(corpusDir));
  const times = warm.map((w) => w.ms).sort((a, b) => a - b);
  return {
    corpus: label,
    coldMs: cold.ms,
    coldPeakMB: cold.peakMB,
    runs,
    warmMedianMs: quantile(times, 0.5),
    warmMaxMs: times[times.length - 1] ?? NaN,
    warmPeakMB: Math.max(...warm.map((w) => w.peakMB)),
  };
}

export function formatStartupTable(rows: readonly StartupFigures[]): string {
  const lines = [
    '| corpus | cold: build and write the cache | cold peak RSS MB | warm: median of runs (max) | warm peak RSS MB |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.corpus} | ${(r.coldMs / 1000).toFixed(2)} s | ${r.coldPeakMB} | ${(r.warmMedianMs / 1000).toFixed(2)} s (${(r.warmMaxMs / 1000).toFixed(2)} s), ${r.runs} runs | ${r.warmPeakMB} |`,
    );
  }
  return lines.join('\n');
}
