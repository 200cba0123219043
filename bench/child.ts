/**
 * One measurement in a fresh process, so memory figures belong to one contender alone:
 *   child.ts build <contender> <copies> <file>             → builds, writes the index to <file>
 *   child.ts load  <contender> <copies> <file> <questions> → loads <file>, measures memory and queries
 * Prints one JSON object on stdout.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { bbcArticles, headlineQuestions, readBbc, scaleArticles } from './bbc.ts';
import { measureBuild, measureLoadAndQuery } from './measure.ts';
import { contenderByKey } from './peers.ts';

const [phase, key = '', copiesArg = '1', file = '', questionsArg = '500'] = process.argv.slice(2);
const contender = contenderByKey(key);
const articles = scaleArticles(bbcArticles(await readBbc()), Number(copiesArg));

if (phase === 'build') {
  const { serialized, ...figures } = measureBuild(contender, articles);
  writeFileSync(file, serialized);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} else if (phase === 'load') {
  const questions = headlineQuestions(articles, Number(questionsArg));
  const figures = await measureLoadAndQuery(contender, () => readFileSync(file), articles, questions);
  process.stdout.write(`${JSON.stringify({ ...figures, articles: articles.length, questions: questions.length })}\n`);
} else {
  throw new Error(`unknown phase "${phase}"`);
}
