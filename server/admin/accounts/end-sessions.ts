import type { Sequelize } from 'sequelize';

/** Signs a user out everywhere: every admin session of theirs, on every device and app instance. */
export async function endAllSessions(sequelize: Sequelize, userId: number): Promise<number> {
  const [, result] = await sequelize.query(`DELETE FROM admin_sessions WHERE sess->'adminUser'->>'id' = $1`, { bind: [String(userId)] });
  return (result as { rowCount?: number } | undefined)?.rowCount ?? 0;
}
