import type { ActionContext, ParamsType } from 'adminjs';
import { SiteKey } from '../../../models/index.js';
import { ScopedResource } from '../scoped-resource.js';
import { validSiteKeyParams } from './site-key-form.js';

/**
 * Site keys through the scoped resource, with their form checked on the way
 * in (see validSiteKeyParams). A ValidationError raised here is one AdminJS
 * keeps the submitted values for, unlike one from a `before` hook.
 */
export class SiteKeyResource extends ScopedResource {
  constructor() {
    super(SiteKey, 'organization_id', ['name', 'key']);
  }

  override async create(params: ParamsType, context?: ActionContext): Promise<ParamsType> {
    return super.create(validSiteKeyParams(params), context);
  }

  override async update(id: string | number, params: ParamsType, context?: ActionContext): Promise<ParamsType> {
    // An edit may send only some fields: the consent rule is checked against the key as it will be saved.
    // A key outside the staffer's organization is not found here, and super.update refuses it as before.
    const saved = await this.findOne(id, context);
    return super.update(id, saved ? validSiteKeyParams(params, saved.params) : params, context);
  }
}
