/** Shared test helpers: paths, a silent logger, in-process CLI runs. */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { Readable } from 'node:stream';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { onTestFinished } from 'vitest';
import type { CliIo } from '../src/cli/io.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
export const BUNDLED_CORPUS = path.join(ROOT, 'corpus');
export const SHARED = path.resolve(ROOT, '..', 'shared');

/** A copy of a corpus folder (without its .brief-cache) in a temp folder, removed when the test finishes. */
export async function tempCorpusCopy(from: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'brief-corpus-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  await cp(from, dir, { recursive: true, filter: (src) => !src.includes('.brief-cache') });
  return dir;
}

/** A logger whose JSON lines are kept in `lines`, for asserting on what was logged. */
export function captureLogger(level = 'debug'): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level }, stream), lines };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a CLI command in-process with the given stdin and environment. */
export async function runCli(
  run: (args: string[], io: CliIo) => Promise<number>,
  args: string[],
  options: { stdin?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    stdin: Readable.from([options.stdin ?? '']),
    env: { LOG_LEVEL: 'silent', ...options.env },
    isTTY: false,
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}
