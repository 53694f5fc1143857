/**
 * The app side of `npm run bench:intake`, run in a child process so the load
 * generator does not share its event loop: the real `createApp()` (intake
 * API, /ready, error handler; no admin, which the intake path never touches)
 * on its own Sequelize pool, configured from the environment the bench
 * passes (DATABASE_URL, PORT, DB_POOL_SIZE, raised rate limits, ...).
 */
import { createApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { createSequelize } from '../server/db/connection.js';
import { createLogger } from '../server/logger.js';
import { initModels } from '../models/index.js';

const config = loadConfig();
if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required');
const logger = createLogger(config.LOG_LEVEL);
const sequelize = createSequelize(config.DATABASE_URL, config, logger);
initModels(sequelize); // as server/db/database.ts does, so the app sees what production sees
const server = createApp({ sequelize, logger, config }).listen(config.PORT, '127.0.0.1');

process.on('SIGTERM', () => {
  server.close();
  sequelize.close().finally(() => process.exit(0));
});
