import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

/**
 * The SQL statements a migration's `up` sends, collected without running
 * them. A later migration that replaces a function restores the earlier
 * version from the migration that shipped it, rather than keeping a second
 * copy of its text that could drift.
 */
export async function statementsOf(up: MigrationFn<QueryInterface>): Promise<string[]> {
  const sent: string[] = [];
  const context = { sequelize: { query: async (sql: string) => { sent.push(sql); return [[], 0]; } } } as unknown as QueryInterface;
  await up({ name: 'statements-of', context });
  return sent;
}
