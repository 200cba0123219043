/** `brief ingest PATH|URL…` and `brief ingest --feeds`: articles and feed items → clean corpus files. */
import type { Article } from '../core/types.ts';
import { addArticle, type AddResult } from '../corpus/add-article.ts';
import { loadDuplicateIndex } from '../corpus/duplicate-index.ts';
import { createFeedPoller, type PollSummary } from '../ingest/feed-poller.ts';
import { parseDuration } from '../ingest/parse-duration.ts';
import { rawTextToArticle as rawTextToNewArticle, readInputArticle } from '../ingest/read-input.ts';
import { ArticleInputError, type ArticleMeta } from '../ingest/to-article.ts';
import { createLogger } from '../logger.ts';
import { openState } from '../state/open-state.ts';
import { DEFAULTS } from '../defaults.ts';
import { CliError, parseCliArgs, readCliConfig, type CliIo } from './io.ts';

const HELP = `Usage: npm run ingest -- PATH|URL… [options]
       npm run ingest -- --feeds [options]

Turns each input into a clean corpus file:
  raw text   (as copied from a page: repeated headlines, a date line, captions)
  Markdown   (.md; front matter kept, else the first "# " heading is the title)
  HTML       (a saved .html file or an http(s) URL): the article body only, with the page's
             og:title/<title>, og:site_name, published time, author and canonical URL
An article already in the corpus (same canonical URL or near-identical text) is not added again.

Options (override what is found in the input; apply to every input):
  --title TEXT       headline
  --source NAME      outlet that published it
  --url URL          link to the article
  --published DATE   ISO date or date-time (2025-03-03)
  --author NAME      author
  --corpus DIR       where to write (default CORPUS_DIR, else ${DEFAULTS.corpusDir}/)

Feeds:
  --feeds            poll every feed in the FEEDS file once and add new items
  --feeds-file FILE  the feeds file (default FEEDS)
  --state DIR        where seen items and ETags are kept, in brief.db (default STATE_DIR, else ${DEFAULTS.stateDir}/; DATABASE_URL: PostgreSQL)
  --backfill TIME    a feed's first poll takes items this recent (default FEED_BACKFILL_WINDOW, else 24h)
  --help             show this help`;

type Meta = Partial<Pick<Article, 'title' | 'source' | 'url' | 'published' | 'author'>>;

/** Raw text + flags → the article to write; validated exactly as the loader will read it. */
export function rawTextToArticle(raw: string, flags: Meta, file: string): Omit<Article, 'id'> {
  try {
    return rawTextToNewArticle(raw, pickMeta(flags));
  } catch (err) {
    if (err instanceof ArticleInputError) throw new CliError(`${file}: ${err.message}`, 1);
    throw err;
  }
}

function pickMeta(flags: Meta): ArticleMeta {
  const keys = ['title', 'source', 'url', 'published', 'author'] as const;
  return Object.fromEntries(keys.flatMap((k) => (flags[k] ? [[k, flags[k]]] : [])));
}

export async function runIngest(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs(args, {
    title: { type: 'string' },
    source: { type: 'string' },
    url: { type: 'string' },
    published: { type: 'string' },
    author: { type: 'string' },
    corpus: { type: 'string' },
    feeds: { type: 'boolean' },
    'feeds-file': { type: 'string' },
    state: { type: 'string' },
    backfill: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(`${HELP}\n`);
    return 0;
  }
  if (values.feeds) {
    if (positionals.length) throw new CliError('--feeds polls the feeds file; give no PATH or URL with it');
    return pollFeedsOnce(io, values);
  }
  if (positionals.length === 0) throw new CliError(`give at least one PATH or URL, or --feeds\n\n${HELP}`);
  const dir = values.corpus ?? readCliConfig(io, { uses: ['CORPUS_DIR'], logLevel: DEFAULTS.logLevel }).corpusDir;
  const index = await loadDuplicateIndex(dir);
  let failures = 0;
  for (const input of positionals) {
    try {
      const article = await readInputArticle(input, pickMeta(values));
      io.stdout(`${describeResult(input, article.title, await addArticle(dir, index, article))}\n`);
    } catch (err) {
      if (!(err instanceof ArticleInputError)) throw err;
      io.stderr(`brief ingest: ${input}: ${err.message}\n`);
      failures++;
    }
  }
  return failures ? 1 : 0;
}

function describeResult(input: string, title: string, result: AddResult): string {
  if (result.status === 'written') return `added ${result.file}: ${title}`;
  if (result.status === 'unchanged') return `unchanged ${result.file} (already in the corpus)`;
  const why = result.reason === 'same-url' ? 'same URL' : 'near-identical text';
  return `duplicate ${input}: already in the corpus as ${result.file} (${why}); not added`;
}

interface FeedFlags {
  corpus?: string | undefined;
  'feeds-file'?: string | undefined;
  state?: string | undefined;
  backfill?: string | undefined;
}

async function pollFeedsOnce(io: CliIo, values: FeedFlags): Promise<number> {
  // A feeds file named on the command line stands for FEEDS, so FEED_BACKFILL_WINDOW applies to it as well;
  // --backfill stands for FEED_BACKFILL_WINDOW, which is then not read (nor can a bad one stop the poll).
  const config = readCliConfig(io, {
    uses: ['CORPUS_DIR', 'STATE_DIR', 'DATABASE_URL', 'LOG_LEVEL', 'FEEDS', ...(values.backfill ? [] : ['FEED_BACKFILL_WINDOW' as const])],
    logLevel: DEFAULTS.logLevel,
    asVariables: { FEEDS: values['feeds-file'] },
  });
  if (!config.feeds) throw new CliError('name the feeds file: set FEEDS or pass --feeds-file FILE');
  let backfillWindowMs = config.feeds.backfillWindowMs;
  try {
    if (values.backfill) backfillWindowMs = parseDuration(values.backfill, '--backfill');
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  const logger = createLogger({ level: config.logLevel });
  const stateDir = values.state ?? config.stateDir;
  const state = await openState({ stateDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) }, logger);
  const poller = createFeedPoller({
    feedsFile: config.feeds.file,
    corpusDir: values.corpus ?? config.corpusDir,
    logger,
    feedState: state.feeds,
    backfillWindowMs,
  });
  const summary = await poller.pollOnce().finally(() => state.close());
  io.stdout(formatPollSummary(summary));
  if (summary.feedsFileError) io.stderr(`brief ingest: ${summary.feedsFileError}\n`);
  return summary.feedsFileError || summary.feedsFailed || summary.failed ? 1 : 0;
}

/** The poll in a few lines for a terminal: the files added, then the counts. */
export function formatPollSummary(s: PollSummary): string {
  const lines = s.written.map((file) => `added ${file}`);
  lines.push(
    `${s.feeds} feed${s.feeds === 1 ? '' : 's'}: ${s.feedsRead} read, ${s.notModified} not modified, ${s.feedsFailed} failed`,
    `items: ${s.written.length} added, ${s.duplicates} already in the corpus, ${s.filtered} filtered out by keywords, ` +
      `${s.skippedOld} older than the backfill window, ${s.rejected} not usable, ${s.failed} failed`,
  );
  return `${lines.join('\n')}\n`;
}
