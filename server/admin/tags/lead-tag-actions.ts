import { ValidationError, type Action, type ActionContext, type BulkActionResponse } from 'adminjs';
import { QueryTypes } from 'sequelize';
import { Lead } from '../../../models/index.js';
import type { ComponentIds } from '../component-loader.js';
import { countOf } from '../components/list/list-query.js';
import { asAdmin } from '../current-admin.js';

export type TagChange = 'add' | 'remove';

const NOT_YOURS = 'Choose one of your organization\'s tags.';
const leadsCount = (n: number) => countOf(n, 'lead', 'leads');

/**
 * The tag a request names, read through the tags resource (so through the
 * organization scope: another organization's tag is "not found", in the
 * same words as one that does not exist), and on the same organization as
 * every selected lead (a superuser may select leads of several).
 */
async function chosenTag(raw: unknown, leadOrganizations: Set<string>, context: ActionContext): Promise<{ id: number; name: string }> {
  const id = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
  if (!/^\d{1,9}$/.test(id)) throw new ValidationError({ tag_id: { message: NOT_YOURS, type: 'invalid' } }, { message: NOT_YOURS });
  const tag = await context._admin.findResource('tags').findOne(id, context);
  if (!tag || [...leadOrganizations].some((org) => org !== String(tag.params.organization_id))) {
    throw new ValidationError({ tag_id: { message: NOT_YOURS, type: 'invalid' } }, { message: NOT_YOURS });
  }
  return { id: Number(id), name: String(tag.params.name) };
}

/**
 * "Add tag" and "Remove tag" for the selected leads, shaped like the status
 * bulk change (pipeline-actions.ts): GET shows the picker, POST applies it.
 * AdminJS has loaded the selection through the scoped leads resource, which
 * refuses it whole if any lead is out of reach; the tag is checked above,
 * and the database refuses a cross-organization pair whatever happens here
 * (lead-tags-same-organization.v1.sql.ts). Adding a tag a lead already has
 * changes nothing (the pair is unique).
 */
export function leadTagActions(components: ComponentIds): Record<string, Partial<Action<BulkActionResponse>>> {
  const bulk = (change: TagChange): Partial<Action<BulkActionResponse>> => ({
    actionType: 'bulk',
    icon: change === 'add' ? 'Tag' : 'XCircle',
    component: components.BulkTag,
    showInDrawer: true,
    custom: { change },
    handler: async (request, _response, context) => {
      const { records = [], currentAdmin, h, resource } = context;
      if (request.method !== 'post') return { records: records.map((r) => r.toJSON(currentAdmin)) };
      const leadIds = records.map((r) => Number(r.id()));
      const tag = await chosenTag((request.payload as Record<string, unknown> | undefined)?.tag_id,
        new Set(records.map((r) => String(r.params.organization_id))), context);
      const sequelize = Lead.sequelize!;
      const rows = change === 'add'
        ? await sequelize.query(
          `INSERT INTO lead_tags (lead_id, tag_id, created_by) SELECT id, :tag, :user FROM leads WHERE id IN (:leads)
           ON CONFLICT (lead_id, tag_id) DO NOTHING RETURNING lead_id`,
          { replacements: { tag: tag.id, user: Number(asAdmin(currentAdmin)?.id) || null, leads: leadIds }, type: QueryTypes.SELECT })
        : await sequelize.query('DELETE FROM lead_tags WHERE tag_id = :tag AND lead_id IN (:leads) RETURNING lead_id',
          { replacements: { tag: tag.id, leads: leadIds }, type: QueryTypes.SELECT });
      const message = change === 'add'
        ? `Tagged ${leadsCount(rows.length)} "${tag.name}"${rows.length < leadIds.length ? ` (${leadsCount(leadIds.length - rows.length)} had it already)` : ''}.`
        : `Took "${tag.name}" off ${leadsCount(rows.length)}.`;
      return {
        records: records.map((r) => r.toJSON(currentAdmin)),
        notice: { message, type: 'success' },
        redirectUrl: h.resourceUrl({ resourceId: resource.id() }),
      };
    },
  });
  return { addTag: bulk('add'), removeTag: bulk('remove') };
}
