/**
 * Top-1 agreement between this engine and another checkout's (a baseline: the commit before a
 * change to the index or the ranking), on the bench's questions (timed and warm-up sets) at the
 * given sizes. Both engines run in this process over the same articles; each question is asked of
 * each engine once, in turn, and timed (fresh questions for both: a like-for-like latency check).
 *
 *   git archive <commit> src package.json | tar -x -C /tmp/brief-base && ln -s "$PWD/node_modules" /tmp/brief-base/
 *   npx tsx bench/agreement.ts --baseline /tmp/brief-base [--sizes bundled,2000,10000,100000] [--questions 500]
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createEngine, type Engine } from '../src/core/engine.ts';
import { benchCorpus } from './bench-corpus.ts';
import { quantile } from './measure.ts';

interface Agreement {
  corpus: string;
  questions: number;
  sameTop1: number;
  bothEmpty: number;
  differing: string[];
  oursMs: number[];
  theirsMs: number[];
}

const timed = <T>(f: () => T, into: number[]): T => {
  const t = performance.now();
  const v = f();
  into.push(performance.now() - t);
  return v;
};

/** How many questions get the same top passage (or none from both) from the two engines, and how long each took. */
export function compareTop1(
  ours: Pick<Engine, 'answer'>,
  theirs: Pick<Engine, 'answer'>,
  questions: readonly string[],
  corpus: string,
): Agreement {
  const result: Agreement = { corpus, questions: questions.length, sameTop1: 0, bothEmpty: 0, differing: [], oursMs: [], theirsMs: [] };
  questions.forEach((q, i) => {
    const askOurs = () => timed(() => ours.answer(q), result.oursMs);
    const askTheirs = () => timed(() => theirs.answer(q), result.theirsMs);
    // Turn about, so that neither engine always goes first (the machine's caches, the JIT).
    let a: ReturnType<Engine['answer']>;
    let b: ReturnType<Engine['answer']>;
    if (i % 2) {
      b = askTheirs();
      a = askOurs();
    } else {
      a = askOurs();
      b = askTheirs();
    }
    const top = [a.results[0]?.passage.id, b.results[0]?.passage.id];
    if (top[0] === top[1]) {
      result.sameTop1 += 1;
      if (top[0] === undefined) result.bothEmpty += 1;
    } else result.differing.push(q);
  });
  return result;
}

const ms = (values: number[], q: number) =>
  quantile(
    [...values].sort((x, y) => x - y),
    q,
  ).toFixed(2);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      baseline: { type: 'string' },
      sizes: { type: 'string', default: 'bundled,2000,10000,100000' },
      questions: { type: 'string', default: '500' },
    },
  });
  if (!values.baseline) throw new Error('give --baseline DIR, a checkout of the engine to compare with');
  const baseline = (await import(pathToFileURL(path.resolve(values.baseline, 'src/core/engine.ts')).href)) as {
    createEngine: typeof createEngine;
  };
  const lines = [
    '| corpus | questions | same top-1 | agreement | (neither answers) | this engine median / p99 ms | baseline median / p99 ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const size of values.sizes.split(',')) {
    const corpus = await benchCorpus(size, Number(values.questions));
    const questions = [...new Set([...corpus.questions, ...corpus.warmUp])];
    const ours = createEngine(corpus.articles);
    const theirs = baseline.createEngine(corpus.articles);
    const a = compareTop1(ours, theirs, questions, corpus.label);
    lines.push(
      `| ${a.corpus} | ${a.questions} | ${a.sameTop1} | ${((100 * a.sameTop1) / a.questions).toFixed(1)}% | ${a.bothEmpty} | ${ms(a.oursMs, 0.5)} / ${ms(a.oursMs, 0.99)} | ${ms(a.theirsMs, 0.5)} / ${ms(a.theirsMs, 0.99)} |`,
    );
    for (const q of a.differing.slice(0, 5)) process.stderr.write(`${corpus.label}: differs on ${JSON.stringify(q)}\n`);
    process.stderr.write(`${lines[lines.length - 1]}\n`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
