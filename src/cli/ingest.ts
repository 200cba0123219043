/** `brief ingest FILE…`: raw article text as received → clean corpus files. */
import { readFile } from 'node:fs/promises';
import { frontMatterSchema } from '../corpus/article-file.ts';
import { cleanRawText } from '../corpus/raw-text.ts';
import { writeArticle } from '../corpus/write-article.ts';
import type { Article } from '../core/types.ts';
import { CliError, corpusDirFrom, parseCliArgs, type CliIo } from './io.ts';

const HELP = `Usage: npm run ingest -- FILE… [options]

Turns raw article text (as copied from a page: repeated headlines, a date line, captions) into a
clean corpus file: the headline and date taken from the text, each paragraph kept once.

Options (override what is found in the text; apply to every FILE):
  --title TEXT       headline
  --source NAME      outlet that published it
  --url URL          link to the article
  --published DATE   ISO date or date-time (2025-03-03)
  --author NAME      author
  --corpus DIR       where to write (default CORPUS_DIR, else corpus/)
  --help             show this help`;

type Meta = Partial<Pick<Article, 'title' | 'source' | 'url' | 'published' | 'author'>>;

/** Raw text + flags → the article to write; validated exactly as the loader will read it. */
export function rawTextToArticle(raw: string, flags: Meta, file: string): Omit<Article, 'id'> {
  const cleaned = cleanRawText(raw);
  const title = flags.title ?? cleaned.title;
  if (!title) throw new CliError(`${file}: no headline found in the text; pass --title`, 1);
  if (!cleaned.body.trim()) throw new CliError(`${file}: no article text found`, 1);
  const published = flags.published ?? cleaned.published;
  const draft = { title, body: cleaned.body, ...(published ? { published } : {}), ...pick(flags, 'source', 'url', 'author') };
  // The loader's own schema, so a bad --url or --published fails here rather than at load time.
  const checked = frontMatterSchema.safeParse(draft);
  if (!checked.success) throw new CliError(`${file}: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, 1);
  return draft;
}

function pick(flags: Meta, ...keys: (keyof Meta)[]): Meta {
  return Object.fromEntries(keys.flatMap((k) => (flags[k] ? [[k, flags[k]]] : [])));
}

export async function runIngest(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs(args, {
    title: { type: 'string' }, source: { type: 'string' }, url: { type: 'string' },
    published: { type: 'string' }, author: { type: 'string' }, corpus: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) { io.stdout(`${HELP}\n`); return 0; }
  if (positionals.length === 0) throw new CliError(`give at least one FILE\n\n${HELP}`);
  const dir = corpusDirFrom(values.corpus, io.env);
  let failures = 0;
  for (const file of positionals) {
    try {
      const raw = await readFile(file, 'utf8').catch(() => { throw new CliError(`${file}: cannot read the file`, 1); });
      const article = rawTextToArticle(raw, values, file);
      const { file: written, status } = await writeArticle(dir, article);
      io.stdout(status === 'written' ? `added ${written}: ${article.title}\n` : `unchanged ${written} (already in the corpus)\n`);
    } catch (err) {
      if (!(err instanceof CliError)) throw err;
      io.stderr(`brief ingest: ${err.message}\n`);
      failures++;
    }
  }
  return failures ? 1 : 0;
}
