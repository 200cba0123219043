/** What a CLI command may touch, passed in so tests can run commands in-process. */
import type { Readable } from 'node:stream';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, parseBaseConfig, type BaseConfig, type BaseVariable, type LogLevel } from '../config.ts';
import { DEFAULTS } from '../defaults.ts';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  stdin: Readable;
  /** The environment, read only through {@link readCliConfig}. */
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
}

/** A usage mistake: printed without a stack trace, exit code 2. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** node:util parseArgs, with its errors turned into {@link CliError}s. */
export function parseCliArgs<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}

/** `--top 5` → 5; a clear error for anything that is not a whole number in range. */
export function parseIntOption(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new CliError(`--${name} must be a whole number from ${min} to ${max} (got "${value}")`);
  return n;
}

export interface CliConfigOptions {
  /**
   * The variables this command reads. Only they are validated: a typo in a variable only the bot
   * or another command reads must not stop `npm run ask`. The others take their defaults.
   */
  uses: readonly BaseVariable[];
  /** LOG_LEVEL when it is not set. Default {@link DEFAULTS.cliLogLevel}: the output is the answer, not the log. */
  logLevel?: LogLevel;
  /**
   * Flags that stand for a variable (`--tz` for BRIEFING_TZ, `--feeds-file` for FEEDS): a flag given
   * replaces its variable before validation, so it wins over a bad one; unset ones are ignored.
   */
  asVariables?: Partial<Record<BaseVariable, string | undefined>>;
}

/** The base config (folders, log level, time zone, feeds; no Slack tokens). A bad variable is a usage error: exit 2. */
export function readCliConfig(io: Pick<CliIo, 'env'>, options: CliConfigOptions): Readonly<BaseConfig> {
  const used = new Set<string>(options.uses);
  const env = Object.fromEntries(Object.entries(io.env).filter(([name]) => used.has(name)));
  const flags = Object.entries(options.asVariables ?? {}).filter(([, value]) => value !== undefined);
  try {
    return parseBaseConfig({ ...env, ...Object.fromEntries(flags) }, { logLevel: options.logLevel ?? DEFAULTS.cliLogLevel });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    throw new CliError(`fix these in .env or the environment (see .env.example):\n${err.problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export async function readLines(stream: Readable): Promise<string[]> {
  let text = '';
  stream.setEncoding('utf8');
  for await (const chunk of stream) text += chunk as string;
  return text.split(/\r?\n/);
}
