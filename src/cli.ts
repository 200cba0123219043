#!/usr/bin/env node
/** Brief in a terminal: `ask`, `eval`, `ingest`, `briefing`. dotenv is loaded here, at the edge, and nowhere in core. */
import 'dotenv/config';
import { CliError, type CliIo } from './cli/io.ts';

// Each command is imported when it runs: `ingest` alone pulls in an HTML parser and Readability
// (about 0.6 s of start-up), which `ask` should not pay for.
const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  ask: async (args, io) => (await import('./cli/ask.ts')).runAsk(args, io),
  eval: async (args, io) => (await import('./cli/eval.ts')).runEval(args, io),
  ingest: async (args, io) => (await import('./cli/ingest.ts')).runIngest(args, io),
  briefing: async (args, io) => (await import('./cli/briefing.ts')).runBriefing(args, io),
};

const USAGE = `Usage: brief <command> [options]

Commands:
  ask "question"        answer a question from the corpus (--help for options)
  eval FILE.jsonl       score a question file: hit@1, hit@3, MRR, answer accuracy
  ingest FILE…          turn raw article text into a corpus file
  briefing              the story so far: new since last time, key points, timeline (--markdown)`;

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const run = command ? COMMANDS[command] : undefined;
  if (!run) {
    io.stderr(`${command ? `Unknown command "${command}".\n\n` : ''}${USAGE}\n`);
    return command ? 2 : 0;
  }
  try {
    return await run(rest, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`brief ${command}: ${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
}

const io: CliIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stdin: process.stdin,
  env: process.env,
  isTTY: process.stdout.isTTY === true,
};
main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`brief: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
