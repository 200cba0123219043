/**
 * Writes the scaled BBC corpus as Brief corpus files, to time start-up (`npm run ask -- --corpus DIR`)
 * at 100k passages. The folder must be outside the repository: the data is for research use only.
 *
 *   npx tsx bench/make-corpus.ts --copies 8 /tmp/brief-bbc-8x
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { bbcArticles, readBbc, scaleArticles } from './bbc.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({ options: { copies: { type: 'string', default: '8' } }, allowPositionals: true });
const dir = path.resolve(positionals[0] ?? '');
if (!positionals[0] || !path.relative(ROOT, dir).startsWith('..')) throw new Error('give a folder outside the repository');
await mkdir(dir, { recursive: true });
const articles = scaleArticles(bbcArticles(await readBbc()), Number(values.copies));
for (const a of articles) {
  await writeFile(path.join(dir, `${a.id}.md`), `---\n${stringify({ title: a.title, source: a.source })}---\n\n${a.body}\n`);
}
process.stdout.write(`${articles.length} articles written to ${dir}\n`);
