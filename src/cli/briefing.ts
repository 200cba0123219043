/** `brief briefing`: the story so far in a terminal, or as Markdown to paste into a document. */
import { makeBriefing } from '../briefing/make-briefing.ts';
import { StandingQuestionsError } from '../corpus/load-standing-questions.ts';
import { openCorpus } from '../corpus/open-corpus.ts';
import { DEFAULTS } from '../defaults.ts';
import { createLogger } from '../logger.ts';
import { isTimeZone } from '../schedule/cron-schedule.ts';
import { openState } from '../state/open-state.ts';
import { CliError, parseCliArgs, readCliConfig, type CliIo } from './io.ts';
import { briefingToJson } from './briefing-json.ts';
import { briefingToText } from './render-briefing.ts';

/** The place terminal briefings keep their watermark under, apart from every Slack channel. */
export const TERMINAL_PLACE = 'terminal';

const HELP = `Usage: npm run briefing -- [options]

The story so far: what is new since your last terminal briefing, key points (the answer to each
standing question, cited, with what disputes it), what sources dispute, and a timeline of events
(each once, with every outlet that reported it; the 12 most reported unless --all).

Options:
  --markdown        print Markdown, to paste into a document
  --json            print one JSON object (story, asOf, keyPoints, disputed, timeline, new); logs go to stderr
  --all             the whole timeline, not only the 12 most reported events
  --corpus DIR      corpus folder (default CORPUS_DIR, else ${DEFAULTS.corpusDir}/)
  --questions FILE  standing questions (default <corpus>/standing-questions.json)
  --tz ZONE         time zone for times shown (default BRIEFING_TZ, else ${DEFAULTS.timeZone})
  --state DIR       where the last terminal briefing is kept, in brief.db (default STATE_DIR, else ${DEFAULTS.stateDir}/; DATABASE_URL: PostgreSQL)
  --no-save         do not record this briefing: the next one reports new items since the previous one
  --help            show this help`;

export async function runBriefing(args: string[], io: CliIo, now: () => Date = () => new Date()): Promise<number> {
  const { values, positionals } = parseCliArgs(args, {
    markdown: { type: 'boolean' },
    json: { type: 'boolean' },
    all: { type: 'boolean' },
    corpus: { type: 'string' },
    questions: { type: 'string' },
    tz: { type: 'string' },
    state: { type: 'string' },
    'no-save': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(`${HELP}\n`);
    return 0;
  }
  if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}"\n\n${HELP}`);
  if (values.json && values.markdown) throw new CliError('choose one of --json and --markdown');
  // --tz stands for BRIEFING_TZ: given, the variable is not read (nor can a bad one stop the run).
  const config = readCliConfig(io, {
    uses: ['CORPUS_DIR', 'STATE_DIR', 'DATABASE_URL', 'LOG_LEVEL', ...(values.tz ? [] : ['BRIEFING_TZ' as const])],
  });
  const timeZone = values.tz ?? config.briefing.timeZone;
  if (!isTimeZone(timeZone)) throw new CliError(`unknown time zone "${timeZone}": use an IANA name such as Europe/London`);

  const logger = createLogger({ level: config.logLevel });
  const corpusDir = values.corpus ?? config.corpusDir;
  const stateDir = values.state ?? config.stateDir;
  const { engine } = await openCorpus(corpusDir, logger).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') throw new CliError(`corpus folder not found: ${corpusDir}`, 1);
    throw err;
  });
  const state = await openState({ stateDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) }, logger);
  try {
    const briefing = await makeBriefing({
      engine,
      corpusDir,
      history: state.briefings,
      place: TERMINAL_PLACE,
      now,
      logger,
      strict: true,
      ...(values.all ? { timeline: { maxEvents: Infinity } } : {}),
      ...(values.questions ? { questionsFile: values.questions } : {}),
    }).catch((err: unknown) => {
      if (err instanceof StandingQuestionsError) throw new CliError(err.message, 1);
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(`standing questions file not found: ${values.questions}`, 1);
      throw err;
    });
    if (values.json) io.stdout(`${JSON.stringify(briefingToJson(briefing))}\n`);
    else io.stdout(briefingToText(briefing, { format: values.markdown ? 'markdown' : 'text', timeZone }));
    if (!values['no-save']) await state.briefings.record(TERMINAL_PLACE, briefing);
    return 0;
  } finally {
    await state.close();
  }
}
