/** `brief eval FILE.jsonl`: prints the quality figures and every question that went wrong. */
import { readFile } from 'node:fs/promises';
import { openCorpus } from '../corpus/open-corpus.ts';
import { parseQuestionFile, scoreQuestions, type EvalReport } from '../eval/score-questions.ts';
import { createLogger } from '../logger.ts';
import { CliError, parseCliArgs, readCliConfig, type CliIo } from './io.ts';

const HELP = `Usage: npm run eval -- FILE.jsonl [--corpus DIR] [--json]

Scores the engine on a question file ({"q", "gold": [...], "answer": [...], "unanswerable": true}).
Prints hit@1, hit@3, MRR, answer-sentence accuracy and the share of unanswerable questions declined.
Exits 1 when any question is wrong.`;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function formatReport(report: EvalReport): string {
  const lines = [
    `questions: ${report.outcomes.length} (${report.answerable} answerable, ${report.unanswerable} unanswerable)`,
    `hit@1: ${pct(report.hit1)}   hit@3: ${pct(report.hit3)}   MRR: ${report.mrr.toFixed(3)}`,
    `answer sentence accuracy: ${pct(report.answerAccuracy)}   answered confidently: ${pct(report.confidentRate)}`,
    `unanswerable declined: ${pct(report.declinedRate)}`,
  ];
  const wrong = report.outcomes.filter((o) => !o.ok);
  if (wrong.length) {
    lines.push('', 'wrong:');
    for (const o of wrong) {
      lines.push(
        `- ${JSON.stringify(o.question.q)}: rank ${o.rank ?? '-'}, confident ${o.confident}, answer ${JSON.stringify(o.answerText)}`,
      );
    }
  }
  return lines.join('\n');
}

export async function runEval(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs(args, {
    corpus: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(`${HELP}\n`);
    return 0;
  }
  const file = positionals[0];
  if (!file) throw new CliError(`give a question file\n\n${HELP}`);
  const text = await readFile(file, 'utf8').catch(() => {
    throw new CliError(`cannot read ${file}`, 1);
  });
  let questions: ReturnType<typeof parseQuestionFile>;
  try {
    questions = parseQuestionFile(text);
  } catch (err) {
    throw new CliError(`${file}: ${(err as Error).message}`, 1);
  }
  const config = readCliConfig(io, { uses: ['CORPUS_DIR', 'LOG_LEVEL'] });
  const logger = createLogger({ level: config.logLevel });
  const { engine } = await openCorpus(values.corpus ?? config.corpusDir, logger);
  const report = scoreQuestions(engine, questions);
  io.stdout(values.json ? `${JSON.stringify({ ...report, outcomes: undefined })}\n` : `${formatReport(report)}\n`);
  return report.allOk ? 0 : 1;
}
