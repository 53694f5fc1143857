import { QueryTypes, literal, type Model, type ModelStatic, type WhereOptions } from 'sequelize';

/** Lists count exactly up to this many rows; above it, the total shown is the planner's estimate. */
export const EXACT_COUNT_LIMIT = 10_000;

/** The list's rows as SQL (`SELECT 1 FROM ... WHERE ...`), for counting and estimating. */
function selectSql(model: ModelStatic<Model>, where: WhereOptions, limit?: number): string {
  const generator = model.sequelize!.getQueryInterface().queryGenerator as {
    selectQuery(table: string, options: object, model: ModelStatic<Model>): string;
  };
  return generator.selectQuery(model.getTableName() as string, { attributes: [[literal('1'), 'one']], where, limit }, model)
    .replace(/;\s*$/, '');
}

/** Matching rows, reading at most EXACT_COUNT_LIMIT + 1 of them. */
async function cappedCount(model: ModelStatic<Model>, where: WhereOptions): Promise<number> {
  const [row] = await model.sequelize!.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (${selectSql(model, where, EXACT_COUNT_LIMIT + 1)}) AS capped`,
    { type: QueryTypes.SELECT },
  );
  return row?.n ?? 0;
}

/** The planner's estimate of the matching rows (EXPLAIN reads statistics, not the table). */
async function estimatedCount(model: ModelStatic<Model>, where: WhereOptions): Promise<number> {
  const [row] = await model.sequelize!.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
    `EXPLAIN (FORMAT JSON) ${selectSql(model, where)}`,
    { type: QueryTypes.SELECT },
  );
  return Math.round(row?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0);
}

/**
 * A list's total, which AdminJS asks for on every page: exact up to
 * EXACT_COUNT_LIMIT rows (it never reads more than that many), and the
 * planner's estimate above it, so a page of a million leads does not wait
 * for `count(*)` to visit them all. An estimate is never below the rows
 * actually seen, so "more than 10,000" is always true when shown.
 */
export async function listTotal(model: ModelStatic<Model>, where: WhereOptions): Promise<number> {
  const seen = await cappedCount(model, where);
  if (seen <= EXACT_COUNT_LIMIT) return seen;
  return Math.max(seen, await estimatedCount(model, where));
}
