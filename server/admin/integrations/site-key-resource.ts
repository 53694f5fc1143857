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
    return super.update(id, validSiteKeyParams(params), context);
  }
}
