import { ValidationError, flat, type ActionContext, type ActionRequest, type PropertyErrors } from 'adminjs';
import { actorOf } from './actor.js';
import { writableFields } from './access-policy.js';

type Payload = Record<string, unknown>;

const isScalar = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

/**
 * The fields a form may set, decided on the values as the Sequelize adapter
 * will see them: AdminJS un-flattens `is_superuser.0`, `is_superuser.x` and
 * `is_superuser[0]` into `is_superuser`, so the payload is un-flattened
 * first, then only the actor's allowed fields are kept (access-policy.ts),
 * and a field that should hold one value but arrives as a list or an object
 * is refused by name. Runs before every `new` and `edit` (apply-access.ts).
 */
export function keepWritableFields(resourceId: string) {
  return async (request: ActionRequest, context: ActionContext): Promise<ActionRequest> => {
    if (request.method !== 'post') return request;
    const values = flat.unflatten<Payload, Payload>((request.payload ?? {}) as Payload);
    const kept: Payload = {};
    const errors: PropertyErrors = {};
    for (const field of writableFields(actorOf(context.currentAdmin), resourceId)) {
      if (!Object.hasOwn(values, field)) continue;
      const value = values[field];
      const property = context.resource.decorate().getPropertyByKey(field);
      const many = property?.isArray() === true || property?.type() === 'mixed';
      if (!many && !isScalar(value)) errors[field] = { message: 'Send one value for this field.', type: 'invalid' };
      else kept[field] = value;
    }
    if (Object.keys(errors).length) throw new ValidationError(errors);
    request.payload = flat.flatten(kept);
    return request;
  };
}
