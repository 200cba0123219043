/** `brief ask "question"`: the answer sentence and numbered cited passages, or JSON. */
import { DEFAULT_TOP } from '../core/defaults.ts';
import { DEFAULTS } from '../defaults.ts';
import { openCorpus } from '../corpus/open-corpus.ts';
import { createLogger } from '../logger.ts';
import { answerToJson, answerToTerminal } from './render-answer.ts';
import { CliError, parseCliArgs, parseIntOption, readCliConfig, readLines, type CliIo } from './io.ts';

const HELP = `Usage: npm run ask -- [options] "question"

Answers a question from the corpus: the answer sentence, then the best passages, each cited.

Options:
  --json          print exactly one JSON object on stdout (logs go to stderr)
  --batch         read questions from stdin, one per line; one JSON object per line out
  --top N         how many passages to show (default ${DEFAULT_TOP})
  --corpus DIR    corpus folder (default CORPUS_DIR, else ${DEFAULTS.corpusDir}/)
  --help          show this help

Examples:
  npm run ask -- "who ordered the pause"
  npm run ask -- --json --top 5 "how long will the pause last"
  printf 'who ordered the pause\\nwhy\\n' | npm run ask -- --batch`;

export async function runAsk(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs(args, {
    json: { type: 'boolean' },
    batch: { type: 'boolean' },
    top: { type: 'string' },
    corpus: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(`${HELP}\n`);
    return 0;
  }
  const top = parseIntOption('top', values.top, DEFAULT_TOP, 1, 50);
  const question = positionals.join(' ');
  if (!values.batch && !question.trim()) throw new CliError(`give a question, e.g. npm run ask -- "who ordered the pause"\n\n${HELP}`);

  const config = readCliConfig(io, { uses: ['CORPUS_DIR', 'LOG_LEVEL'] });
  const logger = createLogger({ level: config.logLevel });
  const dir = values.corpus ?? config.corpusDir;
  const { engine } = await openCorpus(dir, logger).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') throw new CliError(`corpus folder not found: ${dir}`, 1);
    throw err;
  });

  if (values.batch) {
    const lines = await readLines(io.stdin);
    if (lines[lines.length - 1] === '') lines.pop();
    for (const line of lines) io.stdout(`${JSON.stringify(answerToJson(engine.answer(line, { top })))}\n`);
    return 0;
  }
  const answer = engine.answer(question, { top });
  io.stdout(values.json ? `${JSON.stringify(answerToJson(answer))}\n` : `${answerToTerminal(answer, { color: io.isTTY })}\n`);
  return 0;
}
