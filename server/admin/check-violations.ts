import { DatabaseError, type Model, type ModelStatic } from 'sequelize';
import { END_AFTER_START } from '../../models/campaign.model.js';
import { DIRECTION_ONLY_WHERE_IT_APPLIES, DURATION_MESSAGE, OUTCOME_ONLY_FOR_CALLS } from '../../models/activity.model.js';
import { VALUE_SET_COLUMNS } from '../../models/value-sets.js';
import { oneOf } from '../../models/validators.js';

export interface FieldError { field: string; message: string }

/** CHECK constraints that span columns, by name: the field a person fixes, and the words the model uses for it. */
const NAMED_CHECKS: Record<string, FieldError> = {
  [END_AFTER_START.constraint]: { field: END_AFTER_START.field, message: END_AFTER_START.message },
  [OUTCOME_ONLY_FOR_CALLS.constraint]: { field: OUTCOME_ONLY_FOR_CALLS.field, message: OUTCOME_ONLY_FOR_CALLS.message },
  [DIRECTION_ONLY_WHERE_IT_APPLIES.constraint]: { field: DIRECTION_ONLY_WHERE_IT_APPLIES.field, message: DIRECTION_ONLY_WHERE_IT_APPLIES.message },
  ck_activities_duration_seconds: { field: 'duration_seconds', message: DURATION_MESSAGE },
};

const valueSetMessage = (table: string, column: string): string | undefined =>
  (VALUE_SET_COLUMNS as Record<string, Record<string, readonly string[]>>)[table]?.[column] && oneOf((VALUE_SET_COLUMNS as Record<string, Record<string, readonly string[]>>)[table]![column]!).isIn.msg;

/**
 * The field error a CHECK violation stands for, or null for any other error.
 * The model's validators normally refuse the value first; this is for writes
 * they cannot see (two requests racing, or a rule only the database keeps),
 * which would otherwise reach the person as a 500. A `ck_<table>_<column>`
 * constraint (the house naming) names its column.
 */
export function checkViolation(error: unknown, model: ModelStatic<Model>): FieldError | null {
  if (!(error instanceof DatabaseError)) return null;
  const original = error.original as { code?: string; constraint?: string } | undefined;
  if (original?.code !== '23514' || !original.constraint) return null;
  const named = NAMED_CHECKS[original.constraint];
  if (named) return named;
  const table = model.getTableName() as string;
  const prefix = `ck_${table}_`;
  if (!original.constraint.startsWith(prefix)) return null;
  const column = original.constraint.slice(prefix.length);
  if (!Object.hasOwn(model.getAttributes(), column)) return null;
  return { field: column, message: valueSetMessage(table, column) ?? 'This value is not allowed here.' };
}
