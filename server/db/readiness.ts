import type { Sequelize } from 'sequelize';
import { MIGRATIONS, MIGRATIONS_TABLE } from '../../migrations/index.js';

export type Readiness = { ready: true } | { ready: false; reason: string };

const TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms); }),
  ]);
}

/**
 * Names of the migrations this build knows that the database has not applied,
 * read with two cheap queries (no umzug), so start-up and /ready stay fast.
 * Rejects when the database cannot be reached.
 */
export async function pendingMigrations(sequelize: Sequelize, timeoutMs = TIMEOUT_MS): Promise<string[]> {
  const [rows] = await withTimeout(sequelize.query(
    `SELECT to_regclass('${MIGRATIONS_TABLE}') IS NOT NULL AS has_table`,
  ), timeoutMs) as [{ has_table: boolean }[], unknown];
  if (!rows[0]?.has_table) return MIGRATIONS.map((m) => m.name);
  const [names] = await withTimeout(sequelize.query(`SELECT name FROM ${MIGRATIONS_TABLE}`), timeoutMs) as [{ name: string }[], unknown];
  const applied = new Set(names.map((r) => r.name));
  return MIGRATIONS.filter((m) => !applied.has(m.name)).map((m) => m.name);
}

/**
 * Ready means: the database answers, and every migration this build knows
 * is applied (an instance must not serve a schema older than its code).
 */
export async function checkReadiness(sequelize: Sequelize): Promise<Readiness> {
  let pending: string[];
  try {
    pending = await pendingMigrations(sequelize);
  } catch (error) {
    return { ready: false, reason: `database unreachable: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (pending.length === MIGRATIONS.length) return { ready: false, reason: `database reachable but not migrated: ${pending.length} migrations pending` };
  if (pending.length > 0) return { ready: false, reason: `${pending.length} migration(s) pending: ${pending.join(', ')}` };
  return { ready: true };
}
