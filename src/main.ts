/** `npm start`: reads .env, validates it, runs Brief until SIGTERM/SIGINT, then exits cleanly. */
import 'dotenv/config';
import { ConfigError, parseConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { startBrief } from './start-brief.ts';
import { checkStartupFolders, describeStartupError } from './startup-errors.ts';

async function main(): Promise<void> {
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw err;
  }
  const logger = createLogger({ level: config.logLevel });
  const failed = (err: unknown): never => {
    const line = describeStartupError(err, config);
    if (!line) throw err;
    process.stderr.write(`Brief cannot start: ${line}\n`);
    process.exit(1);
  };
  await checkStartupFolders(config).catch(failed);
  const brief = await startBrief(config, logger).catch(failed);
  brief.ready.catch((err: unknown) => {
    if (describeStartupError(err, config)) failed(err);
    logger.fatal({ err, corpusDir: config.corpusDir }, 'could not load the corpus');
    process.exit(1);
  });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    brief.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'unclean shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Brief failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
