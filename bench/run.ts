/**
 * `npm run bench`: in one run, on the same passages and the same fresh questions, Brief, MiniSearch
 * (defaults), MiniSearch with Brief's analyzer (a plain search) and Lunr, at the bundled corpus and
 * at about 2k, 10k and 100k passages of BBC News. Every build and every load runs in a fresh Node
 * process. Then, for Brief, start-up (the whole `ask` process, bench/startup.ts) over the same
 * articles written as corpus files, and at the largest size the longest event-loop stall while the
 * live corpus reloads (bench/reload-stall.ts). The tables go to stdout and into bench/results.md,
 * between its `<!-- bench:start -->` and `<!-- bench:end -->` lines (the notes around them are kept).
 *
 *   npm run bench -- [--sizes bundled,2000,10000,100000] [--questions 500]
 *     [--engines brief,minisearch,minisearch-brief,lunr] [--startup-runs 5] [--reload-from 50000] [--no-write]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { BenchRow, BuildFigures, LoadFigures } from './measure.ts';
import { benchCorpus, BUNDLED_CORPUS } from './bench-corpus.ts';
import { RACY_MS } from '../src/corpus/corpus-files.ts';
import { writeCorpus } from './make-corpus.ts';
import { contenderByKey } from './peers.ts';
import type { ReloadFigures } from './reload-stall.ts';
import { formatStartupTable, measureStartup, type StartupFigures } from './startup.ts';
import { formatTable } from './table.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(HERE, 'out');

function child<T>(script: string, args: string[]): T {
  const stdout = execFileSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', path.join(HERE, script), ...args],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as T;
}

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
/** The load average (1, 5, 15 min) when the bench started: on a shared machine, part of every figure. */
const LOAD_AT_START = loadAverage();

export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}; Node ${process.version}; load average ${LOAD_AT_START} at the start, ${loadAverage()} at the end`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: 'bundled,2000,10000,100000' },
      questions: { type: 'string', default: '500' },
      engines: { type: 'string', default: 'brief,minisearch,minisearch-brief,lunr' },
      'startup-runs': { type: 'string', default: '5' },
      'reload-from': { type: 'string', default: '50000' },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const sizes = values.sizes.split(',');
  const keys = values.engines.split(',');
  mkdirSync(OUT, { recursive: true });
  const rows: BenchRow[] = [];
  const startup: StartupFigures[] = [];
  const reloads: (ReloadFigures & { corpus: string; passages: number })[] = [];
  const runs = Number(values['startup-runs']);
  for (const size of sizes) {
    const corpus = await benchCorpus(size, Number(values.questions));
    for (const key of keys) {
      const name = contenderByKey(key).name;
      const file = path.join(OUT, `${key}-${size}.json`);
      process.stderr.write(`${name} at ${corpus.label}: building… `);
      const build = child<BuildFigures>('child.ts', ['build', key, size, file]);
      process.stderr.write(`${(build.buildMs / 1000).toFixed(1)} s; loading and querying… `);
      const load = child<LoadFigures & { articles: number; questions: number }>('child.ts', ['load', key, size, file, values.questions]);
      process.stderr.write(`median ${load.medianMs.toFixed(2)} ms, p99 ${load.p99Ms.toFixed(2)} ms\n`);
      rmSync(file, { force: true });
      rows.push({ contender: name, corpus: corpus.label, ...build, ...load });
    }
    if (runs <= 0) continue;
    const passages = rows.find((r) => r.corpus === corpus.label)?.passages ?? NaN;
    const label = `${corpus.label} (${corpus.articles.length.toLocaleString('en-US')} files, ${passages.toLocaleString('en-US')} passages)`;
    if (size === 'bundled') {
      process.stderr.write('start-up, bundled corpus… ');
      startup.push(measureStartup(label, BUNDLED_CORPUS, runs));
      process.stderr.write('done\n');
      continue;
    }
    const dir = path.join(os.tmpdir(), `brief-bench-corpus-${size}`);
    rmSync(dir, { recursive: true, force: true });
    process.stderr.write(`start-up, ${corpus.label} as corpus files… `);
    await writeCorpus(corpus.articles, dir);
    // Files written a moment ago are "racy" (corpus-files.ts) and would be read again by the first warm run.
    await new Promise((r) => setTimeout(r, RACY_MS + 500));
    startup.push(measureStartup(label, dir, runs));
    process.stderr.write('done\n');
    if (Number(size) >= Number(values['reload-from'])) {
      process.stderr.write(`reload stall, ${corpus.label}… `);
      const figures = child<ReloadFigures>('reload-stall.ts', [dir]);
      reloads.push({ ...figures, corpus: corpus.label, passages });
      process.stderr.write(`${Math.round(figures.reloadStallMs)} ms\n`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  const table = formatTable(rows);
  process.stdout.write(`${table}\n\n`);
  const startupTable = startup.length ? formatStartupTable(startup) : '';
  if (startupTable) process.stdout.write(`${startupTable}\n\n`);
  const reloadTable = reloads.length ? formatReloadTable(reloads) : '';
  if (reloadTable) process.stdout.write(`${reloadTable}\n`);

  if (!values['no-write']) {
    const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
    const file = path.join(HERE, 'results.md');
    writeFileSync(
      file,
      withGenerated(existsSync(file) ? readFileSync(file, 'utf8') : '', generatedMarkdown(table, startupTable, reloadTable, command)),
    );
  }
}

function formatReloadTable(rows: readonly (ReloadFigures & { corpus: string; passages: number })[]): string {
  const lines = [
    '| corpus | passages | warm start | longest stall, warm start | reload after one file changed | longest stall, reload | RSS after MB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.corpus} | ${r.passages.toLocaleString('en-US')} | ${(r.startMs / 1000).toFixed(2)} s | ${Math.round(r.startStallMs)} ms | ${(r.reloadMs / 1000).toFixed(2)} s | ${Math.round(r.reloadStallMs)} ms | ${Math.round(r.rssMB)} |`,
    );
  }
  return lines.join('\n');
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

function generatedMarkdown(table: string, startupTable: string, reloadTable: string, command: string): string {
  return `Machine: ${machineLine()}. Date: ${new Date().toISOString().slice(0, 10)}. Command: \`${command}\`.

${table}

How it is measured (bench/run.ts): each build and each load runs in a fresh Node process
(\`--expose-gc\`, via tsx as \`npm start\` runs). Corpora: the bundled story corpus, and
../shared/data/news/bbc-news.jsonl (2,225 articles, 12,732 passages) sampled evenly to about N
passages; above 12,732, copies with distinct ids, each renaming about half of the content words so
that they are not collapsed as duplicates. Every engine indexes Brief's passages (title + text);
Brief's build time also includes making those passages (splitting, de-duplication). "load" reads the
serialised index from disk and makes a queryable engine (Brief: the persisted-index path, without
the corpus files). Steady RSS after load, and heap and RSS after the questions (the engine's word
and passage caches filled), each after a GC, 200 ms and another GC, with the articles in memory in
every process; peak RSS is the process's maximum. Questions: headlines of evenly spread articles, as written or as
"what/why/who" questions (bundled: the story's 14 evaluation questions); the warm-up pass asks about
other articles, so every timed question is fresh (no word cache has seen it). Brief answers in full
(ranking, typo correction, answer sentence, top 3); "MiniSearch (defaults)" runs \`search(q)\` (its
tokenizer, no stemming, no stop words); "MiniSearch (Brief's analyzer)" is the index Brief uses,
queried with a plain \`search(q)\` (OR, BM25+, no re-ranking); Lunr runs its default pipeline term
by term. Ratios are × Brief (above 1 = slower or bigger).
${
  startupTable
    ? `
Start-up (bench/startup.ts): the whole \`node --import tsx src/cli.ts ask --corpus DIR "who ordered the pause"\`
process, wall time from spawn to exit, peak RSS from the process itself. Cold = no \`.brief-cache\`
(every file read, passages and index built, caches written); warm = both caches present.

${startupTable}
`
    : ''
}${
  reloadTable
    ? `
Reload (bench/reload-stall.ts, a fresh process): the live corpus as the bot runs it starts warm
from the caches, then one file changes; the longest gap between ticks of a 5 ms timer is the
longest event-loop stall (every Slack ack waits that long). The re-index runs in a worker thread.

${reloadTable}
`
    : ''
}`;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
