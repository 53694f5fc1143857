import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { seedDemoData } from '../seed/seed.js';
import { openDatabase } from './database.js';
import { createMigrator } from './migrator.js';
import { renderProgress } from './progress.js';
import { describeStartupError } from './startup-errors.js';
import { seedReport } from '../seed/seed-report.js';
import { initModels } from '../../models/index.js';
import { createDocumentStore } from '../documents/create-store.js';
import { sweepOrphanDocuments } from '../documents/document-cleanup.js';

const USAGE = `Usage: leadharbor-db <command> [options]

Commands:
  migrate                 apply every pending migration            (npm run db:migrate)
  rollback [--steps N]    revert the last N migrations (default 1) (npm run db:rollback)
  rollback --all          revert every migration
  status                  list applied and pending migrations      (npm run db:status)
  seed [--leads N]        load idempotent demo data (default 200)  (npm run db:seed)
  sweep-documents         remove stored document files no row refers to,
                          and uploads a crash left half-written      (npm run db:sweep-documents)

Uses DATABASE_URL, or the embedded PostgreSQL when it is unset.`;

const out = (line = '') => process.stdout.write(`${line}\n`);

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function positiveInt(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) fail(`${flag} must be a whole number of at least 1, got "${value}"`);
  return Number(value);
}

async function run(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { steps: { type: 'string' }, all: { type: 'boolean' }, leads: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, ...extra] = positionals;
  if (values.help || !command) { out(USAGE); return; }
  if (!['migrate', 'rollback', 'status', 'seed', 'sweep-documents'].includes(command)) fail(`Unknown command "${command}"`);
  if (extra.length) fail(`Unexpected argument "${extra[0]}"`);

  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const db = await openDatabase(config, logger, { shareEmbedded: true });
  const migrator = createMigrator(db.url, createLogger(config.LOG_LEVEL));
  try {
    switch (command) {
      case 'migrate': {
        const applied = await migrator.up();
        out(applied.length ? `Applied ${applied.length} migration(s).` : 'Already up to date: nothing to apply.');
        break;
      }
      case 'rollback': {
        if (values.all && values.steps) fail('Give either --all or --steps, not both');
        const reverted = await migrator.down(values.all ? 'all' : positiveInt(values.steps, '--steps', 1));
        out(reverted.length ? `Reverted ${reverted.length} migration(s).` : 'Nothing to revert: no migration is applied.');
        break;
      }
      case 'status': {
        const { applied, pending } = await migrator.status();
        out(`Database: ${db.kind === 'embedded' ? 'embedded PostgreSQL' : db.displayUrl}`);
        out(`Current:  ${applied.at(-1)?.name ?? '(none: empty schema)'}${pending.length ? '' : ' (head)'}`);
        out();
        for (const m of applied) out(`  [applied]  ${m.name}${m.appliedAt ? `  ${m.appliedAt.toISOString()}` : ''}`);
        for (const name of pending) out(`  [pending]  ${name}`);
        out();
        out(`${applied.length} applied, ${pending.length} pending`);
        break;
      }
      case 'seed': {
        const pending = (await migrator.status()).pending;
        if (pending.length) fail(`The schema is not current (${pending.length} pending migration(s)): run npm run db:migrate first`);
        const leads = positiveInt(values.leads, '--leads', 200);
        const result = await seedDemoData(db.sequelize, {
          leads,
          adminEmail: config.ADMIN_EMAIL,
          adminPassword: config.ADMIN_PASSWORD,
          onProgress: renderProgress('leads', process.stderr),
        });
        for (const line of seedReport(result)) out(line);
        break;
      }
      case 'sweep-documents': {
        const pending = (await migrator.status()).pending;
        if (pending.length) fail(`The schema is not current (${pending.length} pending migration(s)): run npm run db:migrate first`);
        initModels(db.sequelize);
        out(`Sweeping ${config.DOCUMENTS_STORE === 's3' ? `s3://${config.S3_BUCKET}` : config.documentsDir} (files younger than an hour are left: an upload may be under way)`);
        const result = await sweepOrphanDocuments({
          store: createDocumentStore(config), documentsDir: config.documentsDir,
          onProgress: ({ checked, removed }) => process.stderr.write(`\r  ${checked} file(s) checked, ${removed} removed`),
        });
        process.stderr.write('\n');
        out(`${result.checked} file(s) checked: ${result.removed} without a document removed, ${result.staleTemporary} half-written upload(s) removed.`);
        break;
      }
    }
  } finally {
    await migrator.close();
    await db.close();
  }
}

run().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : describeStartupError(error);
  process.stderr.write(`[leadharbor] error ${message}\n`);
  process.exit(1);
});
