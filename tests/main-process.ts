/**
 * `npm start` as a child process (src/main.ts under tsx) for the e2e tests: its output kept, the
 * port it bound read from its "Brief is listening" log line, so every bot can run on PORT=0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './helpers.ts';

export interface MainProcess {
  child: ChildProcess;
  /** What it wrote so far: stdout, stderr (its log lines), and both as they came. */
  readonly stdout: string;
  readonly stderr: string;
  readonly output: string;
  /** The HTTP port from its "Brief is listening" line; rejects if it exits first. */
  port: Promise<number>;
  /** Resolves with its exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** kill -9, resolved once it is gone. */
  kill9(): Promise<void>;
}

/** Starts src/main.ts with only PATH and `env` (give PORT: '0' and read `port`); killed with SIGKILL after `killAfterMs`. */
export function spawnMain(env: Record<string, string>, options: { killAfterMs?: number } = {}): MainProcess {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), path.join(ROOT, 'src', 'main.ts')], {
    cwd: os.tmpdir(),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let output = '';
  let pending = '';
  let listening: (port: number) => void = () => undefined;
  const port = new Promise<number>((resolve) => {
    listening = resolve;
  });
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    output += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    output += d.toString();
    pending += d.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{') || !line.includes('"Brief is listening"')) continue;
      const logged = JSON.parse(line) as { port?: number };
      if (typeof logged.port === 'number') listening(logged.port);
    }
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    // 'close', not 'exit': by then its output is all read.
    child.on('close', (code) => resolve(code));
  });
  const killer = options.killAfterMs ? setTimeout(() => child.kill('SIGKILL'), options.killAfterMs) : undefined;
  const stopTimer = () => clearTimeout(killer);
  exited.then(stopTimer, stopTimer);
  const exitedFirst = exited.then((code) => {
    throw new Error(`src/main.ts exited (${code}) before listening:\n${output}`);
  });
  const bound = Promise.race([port, exitedFirst]);
  bound.catch(() => undefined); // a run that is meant to fail never listens; only a test awaiting the port sees the rejection
  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    get output() {
      return output;
    },
    port: bound,
    exited,
    async kill9() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
