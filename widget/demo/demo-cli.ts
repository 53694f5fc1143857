import { QueryTypes } from 'sequelize';
import { createLogger } from '../../server/logger.js';
import { describeStartupError } from '../../server/db/startup-errors.js';
import { seedReport } from '../../server/seed/seed-report.js';
import { seedDemoData } from '../../server/seed/seed.js';
import { configOrExit, startServer } from '../../server/start.js';
import { startDemoServer } from './demo-server.js';

/**
 * `npm run demo`: the whole flow in a minute. Starts LeadHarbor as `npm start`
 * does (embedded database by default), seeds the demo data if missing, makes
 * sure the demo site key allows the partner page's origin, and serves
 * widget/demo/ on DEMO_PORT: another origin, as a real partner site is.
 */
async function demo(): Promise<void> {
  const config = configOrExit();
  const logger = createLogger(config.LOG_LEVEL);
  const app = await startServer(config, logger);
  const seeded = await seedDemoData(app.db.sequelize, { leads: 200, adminEmail: config.ADMIN_EMAIL, adminPassword: config.ADMIN_PASSWORD });
  const origins = [`http://localhost:${config.DEMO_PORT}`, `http://127.0.0.1:${config.DEMO_PORT}`];
  // The seed allows the usual local origins; another DEMO_PORT is added to the key so its page is not refused.
  await app.db.sequelize.query(
    `UPDATE site_keys SET allowed_origins = allowed_origins || ARRAY(SELECT unnest($1::text[]) EXCEPT SELECT unnest(allowed_origins))
      WHERE key = $2`, { bind: [origins, seeded.siteKey.key], type: QueryTypes.UPDATE });
  await startDemoServer({ appOrigin: app.url, siteKey: seeded.siteKey.key, port: config.DEMO_PORT, host: config.HOST });
  const out = (line = '') => process.stdout.write(`${line}\n`);
  out();
  for (const line of seedReport(seeded)) out(line);
  out();
  out(`Partner demo page:   http://${new URL(app.url).hostname}:${config.DEMO_PORT}/  (popup version: /popup.html)`);
  out(`Leads land in:       ${app.url}/admin  (Leads, and Integrations > Lead submissions)`);
  out(`Intake API docs:     ${app.url}/api/docs`);
  out('Press Ctrl+C to stop.');
}

demo().catch((error: unknown) => {
  process.stderr.write(`[leadharbor] error ${describeStartupError(error)}\n`);
  process.exit(1);
});
