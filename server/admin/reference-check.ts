import { ValidationError, flat, type ActionContext, type BaseRecord, type ParamsType } from 'adminjs';
import { propertyLabel } from './admin-locale.js';
import { ScopedResource } from './scoped-resource.js';

/**
 * Every reference a form sets must name a record the staff member can
 * reach (their own organization's, or the shared catalogue), and, where
 * the referenced table belongs to organizations, one of the same
 * organization as the record being written: a lead of A is never filed
 * under B's campaign, so B's names never show in A's lists, dashboard or
 * export. The same message whether the record is missing or out of reach.
 */
export async function assertReferences(resource: ScopedResource, params: ParamsType, context: ActionContext | undefined, existing?: BaseRecord): Promise<void> {
  if (!context) return;
  const values = flat.unflatten<ParamsType, ParamsType>(params);
  const ownOrganization = resource.scopeColumn === 'organization_id'
    ? values.organization_id ?? existing?.params.organization_id : undefined;
  const errors: Record<string, { message: string; type: string }> = {};
  for (const [path, id] of Object.entries(values)) {
    const property = resource.decorate().getPropertyByKey(path);
    const target = property?.reference();
    if (!property || !target || id === undefined || id === null || id === '') continue;
    const referenced = target instanceof ScopedResource ? await target.findOne(id as string, context) : null;
    const sameOrganization = !(target instanceof ScopedResource) || target.scopeColumn !== 'organization_id'
      || ownOrganization === undefined || ownOrganization === null || ownOrganization === ''
      // A platform record (a superuser, who belongs to no organization) may be referenced from any organization.
      || referenced?.params.organization_id === null || String(referenced?.params.organization_id) === String(ownOrganization);
    if (!referenced || !sameOrganization) {
      const label = propertyLabel(resource.id(), path).toLowerCase();
      errors[path] = { message: `Choose a ${label} of the same organization (this one does not exist or belongs to another).`, type: 'reference' };
    }
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
}
