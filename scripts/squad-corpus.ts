/**
 * Writes SQuAD v1.1 dev as a Brief corpus folder (one Markdown file per article) and its questions,
 * one per line, so the CLI can be timed on it:
 *
 *   npm run squad:corpus -- /tmp/squad-corpus [/tmp/squad-questions.txt]
 *   time npm run ask -- --batch --corpus /tmp/squad-corpus < /tmp/squad-questions.txt > /dev/null
 *
 * The questions file defaults to `squad-questions.txt` beside the folder. Never inside the repo:
 * the data is read from ../shared and must not be copied into the project.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatArticleFile } from '../src/corpus/article-file.ts';
import { DEFAULT_SQUAD_FILE, loadSquad } from './eval-squad.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function main(argv: string[]): number {
  const [dirArg, questionsArg] = argv.filter((a) => !a.startsWith('--'));
  if (!dirArg) {
    process.stderr.write('Usage: npm run squad:corpus -- DIR [QUESTIONS_FILE]\n');
    return 2;
  }
  const dir = path.resolve(dirArg);
  const questionsFile = path.resolve(questionsArg ?? path.join(path.dirname(dir), 'squad-questions.txt'));
  for (const target of [dir, questionsFile]) {
    if (target === REPO || target.startsWith(`${REPO}${path.sep}`)) {
      process.stderr.write(`refusing to write SQuAD data inside the repository: ${target}\n`);
      return 2;
    }
  }
  const set = loadSquad(DEFAULT_SQUAD_FILE);
  mkdirSync(dir, { recursive: true });
  for (const article of set.articles) {
    writeFileSync(path.join(dir, `${article.id}.md`), formatArticleFile({ title: article.title, body: article.body }));
  }
  writeFileSync(questionsFile, set.questions.map((q) => `${q.question.replace(/\s+/g, ' ').trim()}\n`).join(''));
  process.stdout.write(`${set.articles.length} articles → ${dir}\n${set.questions.length} questions → ${questionsFile}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
