/**
 * Start-up failures other than bad variables (those are ConfigError): a revoked token, a port in
 * use, a state folder that is a file, a missing corpus folder. Each becomes one line naming the
 * variable and the fix, instead of a stack trace.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from './config.ts';

/** A start-up failure already described in one line for the operator. */
export class StartupError extends Error {}

type Where = Pick<Config, 'port' | 'stateDir' | 'corpusDir'>;

const TOKEN_ERRORS = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'no_permission']);

const isUnder = (file: string, folder: string) => {
  const rel = path.relative(path.resolve(folder), path.resolve(file));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** The one line for a known start-up failure, or undefined for anything else (which keeps its stack). */
export function describeStartupError(err: unknown, where: Where): string | undefined {
  if (err instanceof StartupError) return err.message;
  const e = err as NodeJS.ErrnoException & { data?: { error?: string } };
  const slackCode = e.data?.error;
  if (e.code === 'slack_webapi_platform_error' && slackCode && TOKEN_ERRORS.has(slackCode)) {
    return `SLACK_BOT_TOKEN was rejected by Slack (${slackCode}): the token is wrong or was revoked. Reinstall the app (api.slack.com/apps → your app → OAuth & Permissions → Install to Workspace) and set SLACK_BOT_TOKEN to its Bot User OAuth Token (xoxb-…).`;
  }
  if (e.code === 'EADDRINUSE')
    return `PORT ${where.port} is already in use by another process: stop that process, or set PORT to a free port.`;
  if (e.code === 'EACCES' && e.syscall === 'listen')
    return `PORT ${where.port} needs privileges Brief does not have: set PORT to 1024 or above.`;
  const file = typeof e.path === 'string' ? e.path : undefined;
  if (file && isUnder(file, where.corpusDir)) {
    if (e.code === 'ENOENT')
      return `CORPUS_DIR ${where.corpusDir} does not exist: create it and put the article files (.md) in it, or set CORPUS_DIR to the folder that has them.`;
    if (e.code === 'ENOTDIR') return `CORPUS_DIR ${where.corpusDir} is not a folder: set CORPUS_DIR to the folder of article files (.md).`;
    if (e.code === 'EACCES' || e.code === 'EPERM')
      return `CORPUS_DIR ${where.corpusDir} cannot be read (permission denied): give Brief's user read access, or set CORPUS_DIR to a readable folder.`;
  }
  if (file && isUnder(file, where.stateDir)) {
    if (e.code === 'ENOTDIR' || e.code === 'EEXIST')
      return `STATE_DIR ${where.stateDir} is not a folder: set STATE_DIR to a folder Brief can write (it is created when missing), or move the file away.`;
    if (e.code === 'EACCES' || e.code === 'EPERM' || e.code === 'EROFS')
      return `STATE_DIR ${where.stateDir} cannot be written (${e.code}): give Brief's user write access, or set STATE_DIR to a writable folder.`;
  }
  return undefined;
}

/** Checks the folders before anything starts, so their problems are named before the bot listens. */
export async function checkStartupFolders(where: Where): Promise<void> {
  const corpus = await stat(where.corpusDir).catch((err: NodeJS.ErrnoException) => err);
  if (corpus instanceof Error) {
    throw new StartupError(
      describeStartupError(Object.assign(corpus, { path: where.corpusDir }), where) ??
        `CORPUS_DIR ${where.corpusDir} cannot be read (${corpus.code ?? corpus.message}).`,
    );
  }
  if (!corpus.isDirectory())
    throw new StartupError(`CORPUS_DIR ${where.corpusDir} is not a folder: set CORPUS_DIR to the folder of article files (.md).`);
  const state = await stat(where.stateDir).catch(() => undefined);
  if (state && !state.isDirectory()) {
    throw new StartupError(
      `STATE_DIR ${where.stateDir} is not a folder: set STATE_DIR to a folder Brief can write (it is created when missing), or move the file away.`,
    );
  }
}
