/**
 * One measurement in a fresh process, so memory figures belong to one contender alone:
 *   child.ts build <contender> <size> <file>             → builds, writes the index to <file>
 *   child.ts load  <contender> <size> <file> <questions> → loads <file>, measures memory and queries
 * <size> is `bundled` (the repository's corpus) or a number of passages (BBC articles, bench-corpus.ts).
 * Prints one JSON object on stdout.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { benchCorpus } from './bench-corpus.ts';
import { measureBuild, measureLoadAndQuery } from './measure.ts';
import { contenderByKey } from './peers.ts';

const [phase, key = '', size = 'bundled', file = '', questionsArg = '500'] = process.argv.slice(2);
const contender = contenderByKey(key);
const corpus = await benchCorpus(size, Number(questionsArg));

if (phase === 'build') {
  const { serialized, ...figures } = measureBuild(contender, corpus.articles);
  writeFileSync(file, serialized);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} else if (phase === 'load') {
  const figures = await measureLoadAndQuery(contender, () => readFileSync(file), corpus.articles, corpus.questions, corpus.warmUp);
  process.stdout.write(`${JSON.stringify({ ...figures, articles: corpus.articles.length, questions: corpus.questions.length })}\n`);
} else {
  throw new Error(`unknown phase "${phase}"`);
}
