import { flat, type ParamsType, type PropertyErrors } from 'adminjs';
import { ValidationError } from 'adminjs';
import { ForeignKeyConstraintError, UniqueConstraintError, ValidationError as SequelizeValidationError, type Model, type ModelStatic } from 'sequelize';
import { MESSAGES } from '../../models/lead-rules.js';
import { checkViolation } from './check-violations.js';

/**
 * How the admin's adapter (scoped-resource.ts) reads a form before writing
 * it, and what the write's refusals become, so that a form shows every
 * field's error at once, in words, and never a 500.
 */

/**
 * What a form sends, made what staff mean: a cleared field ("" or null, see
 * cleared-fields.ts) is empty, where AdminJS's Sequelize adapter drops an
 * empty number or date and so kept the old value; and on a new record a
 * cleared field with a default gets the default.
 */
export function clearedAsEmpty(model: ModelStatic<Model>, params: ParamsType, existing: ParamsType | null): ParamsType {
  const attributes = model.getAttributes();
  const cleared: ParamsType = {};
  for (const [key, value] of Object.entries(params)) {
    const attribute = attributes[key];
    if ((value !== '' && value !== null) || !attribute || attribute.primaryKey) cleared[key] = value;
    else if (existing || attribute.defaultValue === undefined) cleared[key] = null;
  }
  return cleared;
}

/**
 * The model's validators' errors for these params (on an edit, for the fields
 * sent only, as Sequelize does): run when a resource's own rules refused
 * something, so their errors and the model's show together.
 */
export async function modelErrors(model: ModelStatic<Model>, params: ParamsType, existing: ParamsType | null): Promise<PropertyErrors> {
  const values = flat.unflatten<ParamsType, ParamsType>(params);
  const instance = model.build({ ...(existing ?? {}), ...values }, { isNewRecord: !existing });
  try {
    await instance.validate(existing ? { fields: Object.keys(values).filter((key) => key in model.getAttributes()) } : {});
    return {};
  } catch (error) {
    if (!(error instanceof SequelizeValidationError)) throw error;
    return Object.fromEntries(error.errors.filter((e) => e.path).map((e) => [e.path!, readable(e.message, e.validatorKey ?? undefined)]));
  }
}

/** A model validator's message for staff: Sequelize's own "Lead.status cannot be null" reads as the lead rules' "This field is required." */
export function readable(message: string, kind: string | undefined): { message: string; type: string } {
  return kind === 'is_null' ? { message: MESSAGES.required, type: 'required' } : { message, type: kind ?? 'invalid' };
}

/**
 * A write's refusals as field errors: the model's validators and unique
 * indexes (as @adminjs/sequelize converts them; its helper is not exported),
 * a reference to a row that does not exist, and a value a CHECK refuses.
 */
export async function asFieldErrors<T>(model: ModelStatic<Model>, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error instanceof SequelizeValidationError || error instanceof UniqueConstraintError) && error.errors.some((e) => e.path)) {
      throw new ValidationError(Object.fromEntries(error.errors.filter((e) => e.path).map((e) => [e.path!, readable(e.message, e.validatorKey ?? undefined)])));
    }
    if (error instanceof ForeignKeyConstraintError) {
      const field = (error.fields as string[] | undefined)?.[0] ?? String(error.index ?? 'reference');
      throw new ValidationError({ [field]: { message: 'The selected record does not exist (it may have been deleted).', type: 'foreign_key' } });
    }
    const check = checkViolation(error, model);
    if (check) throw new ValidationError({ [check.field]: { message: check.message, type: 'check' } });
    throw error;
  }
}
