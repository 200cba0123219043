/** What a CLI command may touch, passed in so tests can run commands in-process. */
import type { Readable } from 'node:stream';
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  stdin: Readable;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
}

/** A usage mistake: printed without a stack trace, exit code 2. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) { super(message); }
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
  if (!Number.isInteger(n) || n < min || n > max) throw new CliError(`--${name} must be a whole number from ${min} to ${max} (got "${value}")`);
  return n;
}

/** The corpus folder: `--corpus`, else `CORPUS_DIR`, else `corpus/`. */
export function corpusDirFrom(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return flag ?? env.CORPUS_DIR ?? 'corpus';
}

export async function readLines(stream: Readable): Promise<string[]> {
  let text = '';
  stream.setEncoding('utf8');
  for await (const chunk of stream) text += chunk as string;
  return text.split(/\r?\n/);
}
