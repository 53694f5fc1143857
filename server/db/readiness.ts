import type { Sequelize } from 'sequelize';
import { MIGRATIONS } from '../../migrations/index.js';
import { MIGRATIONS_TABLE } from './migrator.js';

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
 * Ready means: the database answers, and every migration this build knows
 * is applied (an instance must not serve a schema older than its code).
 */
export async function checkReadiness(sequelize: Sequelize): Promise<Readiness> {
  let applied: Set<string>;
  try {
    const [rows] = await withTimeout(sequelize.query(
      `SELECT to_regclass('${MIGRATIONS_TABLE}') IS NOT NULL AS has_table`,
    ), TIMEOUT_MS) as [{ has_table: boolean }[], unknown];
    if (!rows[0]?.has_table) return { ready: false, reason: `database reachable but not migrated: ${MIGRATIONS.length} migrations pending` };
    const [names] = await withTimeout(sequelize.query(`SELECT name FROM ${MIGRATIONS_TABLE}`), TIMEOUT_MS) as [{ name: string }[], unknown];
    applied = new Set(names.map((r) => r.name));
  } catch (error) {
    return { ready: false, reason: `database unreachable: ${error instanceof Error ? error.message : String(error)}` };
  }
  const pending = MIGRATIONS.filter((m) => !applied.has(m.name)).map((m) => m.name);
  if (pending.length > 0) return { ready: false, reason: `${pending.length} migration(s) pending: ${pending.join(', ')}` };
  return { ready: true };
}
