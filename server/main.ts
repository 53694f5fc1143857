import { describeStartupError } from './db/startup-errors.js';
import { createLogger } from './logger.js';
import { configOrExit, startServer } from './start.js';

/** `npm start`: read config, then open, migrate and serve (server/start.ts) until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = configOrExit();
  const logger = createLogger(config.LOG_LEVEL);
  logger.info(`LeadHarbor starting (${config.NODE_ENV})`);
  await startServer(config, logger, startedAt);
}

main().catch((error: unknown) => {
  process.stderr.write(`[leadharbor] error ${describeStartupError(error)}\n`);
  process.exit(1);
});
