import type { Sequelize } from 'sequelize';

/**
 * Signs a user out everywhere: every admin session of theirs, on every device
 * and app instance. The user's session generation is bumped first, so a
 * session that a request already in flight writes back after the delete is
 * refused on its next request (see sessions/session-user.ts).
 */
export async function endAllSessions(sequelize: Sequelize, userId: number): Promise<number> {
  return sequelize.transaction(async (transaction) => {
    await sequelize.query(
      `INSERT INTO admin_session_generations AS g (user_id, generation) SELECT id, 1 FROM users WHERE id = $1
       ON CONFLICT (user_id) DO UPDATE SET generation = g.generation + 1`,
      { bind: [userId], transaction },
    );
    const [, result] = await sequelize.query(`DELETE FROM admin_sessions WHERE sess->'adminUser'->>'id' = $1`, { bind: [String(userId)], transaction });
    return (result as { rowCount?: number } | undefined)?.rowCount ?? 0;
  });
}
