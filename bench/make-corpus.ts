/**
 * Writes the scaled BBC corpus as Brief corpus files, to time start-up (`npm run ask -- --corpus DIR`)
 * at 100k passages. The folder must be outside the repository: the data is for research use only.
 * `npm run bench` does this itself (bench/startup.ts); this is for trying it by hand.
 *
 *   npx tsx bench/make-corpus.ts --copies 8 /tmp/brief-bbc-8x
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import type { Article } from '../src/core/types.ts';
import { mapWithConcurrency } from '../src/corpus/load-corpus.ts';
import { bbcArticles, readBbc, scaleArticles } from './bbc.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Writes `articles` as corpus files into `dir`, which must be outside the repository. */
export async function writeCorpus(articles: readonly Article[], dir: string): Promise<void> {
  if (!path.relative(ROOT, path.resolve(dir)).startsWith('..')) throw new Error('give a folder outside the repository');
  await mkdir(dir, { recursive: true });
  await mapWithConcurrency(articles, 32, (a) =>
    writeFile(path.join(dir, `${a.id}.md`), `---\n${stringify({ title: a.title, source: a.source })}---\n\n${a.body}\n`),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({ options: { copies: { type: 'string', default: '8' } }, allowPositionals: true });
  if (!positionals[0]) throw new Error('give a folder outside the repository');
  const articles = scaleArticles(bbcArticles(await readBbc()), Number(values.copies));
  await writeCorpus(articles, positionals[0]);
  process.stdout.write(`${articles.length} articles written to ${path.resolve(positionals[0])}\n`);
}
