import { QueryTypes, type Model, type ModelStatic, type WhereOptions } from 'sequelize';
import type { ValidationOptions } from 'sequelize/types/instance-validator';

/**
 * The options Sequelize hands `beforeValidate`. On `Model.update` (which
 * @adminjs/sequelize runs for every admin edit) they are the update's own:
 * `type` is BULKUPDATE, `where` names the rows and `skip` lists the columns
 * that were not sent.
 */
export type ValidateHookOptions = ValidationOptions & { type?: string; where?: WhereOptions; transaction?: unknown };

/**
 * The saved rows a `Model.update` is about to change, or null outside one.
 * `Model.update` validates a fresh instance built from the sent values alone,
 * so a model validator there cannot see a saved column that was not sent,
 * nor tell a value the form sent back unchanged from a new one (an admin
 * form sends every field, changed or not). `instance.save()` needs none of
 * this: its instance holds the saved row and it validates changed fields only.
 */
export async function rowsBeingUpdated<M extends Model>(model: ModelStatic<M>, options: ValidateHookOptions): Promise<M[] | null> {
  if (options.type !== QueryTypes.BULKUPDATE || !options.where) return null;
  return model.findAll({ where: options.where, transaction: options.transaction as never });
}

/**
 * Validate `fields` on update only when their value changes, as
 * `instance.save()` does: a row holding a value from before a rule existed
 * (a slug in capitals, a campaign type outside today's list) can still have
 * its other fields edited, while a new or changed value must keep the rule.
 */
export function skipUnchanged(instance: Model, rows: Model[], fields: readonly string[], options: ValidateHookOptions): void {
  const skip = options.skip ?? [];
  const unchanged = fields.filter((field) => !skip.includes(field) && rows.length > 0
    && rows.every((row) => String(row.get(field) ?? '') === String(instance.get(field) ?? '')));
  options.skip = [...skip, ...unchanged];
}
