/**
 * `npm run bench`: Brief, MiniSearch (defaults) and Lunr on the BBC News corpus at 1× and scaled
 * to about 100k passages. Every build and every load runs in a fresh Node process. Then start-up:
 * the whole `ask` process over the bundled corpus and over the same BBC copies written as corpus
 * files (bench/startup.ts). The tables go to stdout and into bench/results.md, between its
 * `<!-- bench:start -->` and `<!-- bench:end -->` lines (the notes around them are kept).
 *
 *   npm run bench -- [--copies 1,8] [--questions 500] [--engines brief,minisearch,lunr] [--startup-runs 5] [--no-write]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { BenchRow, BuildFigures, LoadFigures } from './measure.ts';
import { bbcArticles, readBbc, scaleArticles } from './bbc.ts';
import { RACY_MS } from '../src/corpus/corpus-files.ts';
import { writeCorpus } from './make-corpus.ts';
import { contenderByKey } from './peers.ts';
import { formatStartupTable, measureStartup, type StartupFigures } from './startup.ts';
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
    'startup-runs': { type: 'string', default: '5' },
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
  process.stdout.write(`${table}\n\n`);

  const runs = Number(values['startup-runs']);
  const startup: StartupFigures[] = [];
  if (runs > 0) {
    process.stderr.write('start-up, bundled corpus… ');
    startup.push(measureStartup('bundled (2 articles)', path.join(HERE, '..', 'corpus'), runs));
    const bbc = bbcArticles(await readBbc());
    for (const n of copies) {
      const dir = path.join(os.tmpdir(), `brief-bench-corpus-${n}x`);
      rmSync(dir, { recursive: true, force: true });
      process.stderr.write(`start-up, BBC ${n}× as corpus files… `);
      const articles = scaleArticles(bbc, n);
      await writeCorpus(articles, dir);
      // Files written a moment ago are "racy" (corpus-files.ts) and would be read again by the first warm run.
      await new Promise((r) => setTimeout(r, RACY_MS + 500));
      startup.push(measureStartup(`BBC ${n}× (${articles.length.toLocaleString('en-US')} files)`, dir, runs));
      rmSync(dir, { recursive: true, force: true });
    }
    process.stderr.write('done\n');
  }
  const startupTable = startup.length ? formatStartupTable(startup) : '';
  if (startupTable) process.stdout.write(`${startupTable}\n`);

  if (!values['no-write']) {
    const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
    const file = path.join(HERE, 'results.md');
    writeFileSync(file, withGenerated(existsSync(file) ? readFileSync(file, 'utf8') : '', generatedMarkdown(table, startupTable, command)));
  }
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** Replaces what lies between the markers, keeping the notes written around them; a file without markers gets them. */
export function withGenerated(existing: string, generated: string): string {
  const block = `${START}\n${generated}${END}\n`;
  const from = existing.indexOf(START);
  const to = existing.indexOf(END);
  if (from < 0 || to < from) return `# Benchmark results\n\n${block}${existing.replace(/^# Benchmark results\n+/, '\n')}`;
  return existing.slice(0, from) + block + existing.slice(to + END.length).replace(/^\n/, '');
}

function generatedMarkdown(table: string, startupTable: string, command: string): string {
  return `Machine: ${machineLine()}. Date: ${new Date().toISOString().slice(0, 10)}. Command: \`${command}\`.

${table}

How it is measured (bench/run.ts): each build and each load runs in a fresh Node process
(\`--expose-gc\`, via tsx as \`npm start\` runs). Corpus: ../shared/data/news/bbc-news.jsonl (2,225
articles); N× means N copies with distinct ids, copies after the first renaming about 30% of the
content words so that they are not collapsed as duplicates. All three engines index Brief's passages
(title + text); Brief's build time also includes making those passages (splitting, de-duplication).
"load" reads the serialised index from disk and makes a queryable engine (Brief: the persisted-index
path, without the corpus files). Heap and RSS are taken after load, a GC, 200 ms and another GC, with the articles
in memory in every process. Questions: headlines of evenly spread articles, as written or as
"what/why/who" questions; one untimed pass, then one timed pass. Brief answers in full (ranking,
typo correction, answer sentence, top 3); MiniSearch runs \`search(q)\` (OR, no stemming, no stop
words); Lunr runs its default pipeline term by term. Ratios are × Brief (above 1 = slower or bigger).
${startupTable ? `
Start-up (bench/startup.ts): the whole \`node --import tsx src/cli.ts ask --corpus DIR "who ordered the pause"\`
process, wall time from spawn to exit, peak RSS from the process itself. Cold = no \`.brief-cache\`
(every file read, passages and index built, caches written); warm = both caches present.

${startupTable}
` : ''}`;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
