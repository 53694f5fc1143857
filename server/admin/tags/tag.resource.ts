import { ValidationError, type ActionContext, type ParamsType, type ResourceWithOptions } from 'adminjs';
import { Op } from 'sequelize';
import { Tag } from '../../../models/index.js';
import { TAG_SLUG_TAKEN } from '../../../models/tag.model.js';
import { TAG_COLOURS, TAG_COLOUR_LABELS } from '../../../models/value-sets.js';
import { OrganizationScope } from '../access/organization-scope.js';
import type { ComponentIds } from '../component-loader.js';
import { NAV, SLUG, SLUGGED_ACTIONS, TIMESTAMPS, dropdown } from '../resources/common.js';
import { ScopedResource } from '../scoped-resource.js';

const slugTaken = () => new ValidationError({ slug: { message: TAG_SLUG_TAKEN.message, type: 'not_unique' } });

/**
 * Tags through the scoped resource, with a taken slug as the slug's own
 * error. The slug is unique per organization (ux_tags_organization_id_slug),
 * which the adapter would report against both columns in Sequelize's words;
 * it is looked for first, and a write that races another still lands on the
 * unique index and reads the same.
 */
export class TagResource extends ScopedResource {
  constructor() {
    super(Tag, 'organization_id');
  }

  private async assertSlugFree(organizationId: unknown, slug: unknown, exceptId?: string | number): Promise<void> {
    if (typeof slug !== 'string' || slug === '' || organizationId === undefined || organizationId === null || organizationId === '') return;
    const clash = await Tag.findOne({
      attributes: ['id'],
      where: { organization_id: Number(organizationId), slug, ...(exceptId !== undefined && { id: { [Op.ne]: Number(exceptId) } }) },
    });
    if (clash) throw slugTaken();
  }

  private static async sameWords<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      const errors = error instanceof ValidationError ? error.propertyErrors : {};
      if (Object.values(errors).some((e) => /unique/i.test(`${e.type} ${e.message}`))) throw slugTaken();
      throw error;
    }
  }

  override async create(params: ParamsType, context?: ActionContext): Promise<ParamsType> {
    const scope = OrganizationScope.of(context?.currentAdmin);
    await this.assertSlugFree(scope.confined ? scope.organizationId : params.organization_id, params.slug);
    return TagResource.sameWords(() => super.create(params, context));
  }

  override async update(id: string | number, params: ParamsType, context?: ActionContext): Promise<ParamsType> {
    const existing = await this.findOne(id, context);
    if (existing && params.slug !== undefined) await this.assertSlugFree(params.organization_id ?? existing.params.organization_id, params.slug, id);
    return TagResource.sameWords(() => super.update(id, params, context));
  }
}

/** An organization's tags: managers and org admins keep the list, everyone reads it and tags leads with it (access-policy.ts). */
export function tagResource(components: ComponentIds): ResourceWithOptions {
  return {
    resource: new TagResource(),
    options: {
      navigation: NAV.leads,
      sort: { sortBy: 'name', direction: 'asc' },
      listProperties: ['name', 'colour', 'slug', 'organization_id', 'created_at'],
      showProperties: ['name', 'colour', 'slug', 'organization_id', 'created_at', 'updated_at'],
      editProperties: ['name', 'colour', 'slug', 'organization_id'],
      filterProperties: ['name', 'colour', 'slug', 'organization_id'],
      properties: {
        ...TIMESTAMPS,
        name: { isTitle: true, description: 'Up to 50 characters, like "VIP" or "Spanish speaker".' },
        slug: { ...SLUG, description: 'Left blank, it is made from the name. Unique within your organization.' },
        colour: {
          ...dropdown(TAG_COLOURS, TAG_COLOUR_LABELS),
          description: 'Every colour reads clearly, on any screen.',
          components: { list: components.TagBadge, show: components.TagBadge },
        },
      },
      actions: SLUGGED_ACTIONS,
    },
  };
}
