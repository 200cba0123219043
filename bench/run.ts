/**
 * `npm run bench`: Brief, MiniSearch (defaults) and Lunr on the BBC News corpus at 1× and scaled
 * to about 100k passages. Every build and every load runs in a fresh Node process; the table goes
 * to stdout and to bench/results.md.
 *
 *   npm run bench -- [--copies 1,8] [--questions 500] [--engines brief,minisearch,lunr] [--no-write]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { BenchRow, BuildFigures, LoadFigures } from './measure.ts';
import { contenderByKey } from './peers.ts';
import { formatTable } from './table.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(HERE, 'out');

function child<T>(args: string[]): T {
  const stdout = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', path.join(HERE, 'child.ts'), ...args], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as T;
}

export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}; Node ${process.version}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    copies: { type: 'string', default: '1,8' },
    questions: { type: 'string', default: '500' },
    engines: { type: 'string', default: 'brief,minisearch,lunr' },
    'no-write': { type: 'boolean', default: false },
  } });
  const copies = values.copies.split(',').map(Number);
  const keys = values.engines.split(',');
  mkdirSync(OUT, { recursive: true });
  const rows: BenchRow[] = [];
  for (const n of copies) {
    for (const key of keys) {
      const name = contenderByKey(key).name;
      const file = path.join(OUT, `${key}-${n}x.json`);
      process.stderr.write(`${name} at ${n}×: building… `);
      const build = child<BuildFigures>(['build', key, String(n), file]);
      process.stderr.write(`${(build.buildMs / 1000).toFixed(1)} s; loading and querying… `);
      const load = child<LoadFigures & { articles: number; questions: number }>(['load', key, String(n), file, values.questions]);
      process.stderr.write(`median ${load.medianMs.toFixed(2)} ms\n`);
      rmSync(file, { force: true });
      rows.push({ contender: name, copies: n, ...build, ...load });
    }
  }
  const table = formatTable(rows);
  process.stdout.write(`${table}\n`);
  if (!values['no-write']) {
    const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
    writeFileSync(path.join(HERE, 'results.md'), resultsMarkdown(table, command));
  }
}

function resultsMarkdown(table: string, command: string): string {
  return `# Benchmark results

Machine: ${machineLine()}. Date: ${new Date().toISOString().slice(0, 10)}. Command: \`${command}\`.

${table}

How it is measured (bench/run.ts): each build and each load runs in a fresh Node process
(\`--expose-gc\`, via tsx as \`npm start\` runs). Corpus: ../shared/data/news/bbc-news.jsonl (2,225
articles); N× means N copies with distinct ids, copies after the first renaming about 30% of the
content words so that they are not collapsed as duplicates. All three engines index Brief's passages
(title + text); Brief's build time also includes making those passages (splitting, de-duplication).
"load" reads the serialised index from disk and makes a queryable engine (Brief: the persisted-index
path, without the corpus files). Heap and RSS are taken after load and a GC, with the articles
in memory in every process. Questions: headlines of evenly spread articles, as written or as
"what/why/who" questions; one untimed pass, then one timed pass. Brief answers in full (ranking,
typo correction, answer sentence, top 3); MiniSearch runs \`search(q)\` (OR, no stemming, no stop
words); Lunr runs its default pipeline term by term. Ratios are × Brief (above 1 = slower or bigger).
`;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
