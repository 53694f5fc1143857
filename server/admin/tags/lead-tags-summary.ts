import type { ActionResponse, After, RecordActionResponse } from 'adminjs';
import { QueryTypes } from 'sequelize';
import { Lead } from '../../../models/index.js';

/** The virtual param that carries a lead's tags to its page. */
export const TAG_LIST_PROPERTY = 'tag_list';

export interface LeadTagSummary { id: number; name: string; colour: string }

/**
 * After the lead's show action: its tags, by name, in the virtual `tag_list`
 * param (one JSON string, since AdminJS flattens nested params on their way
 * to the page). Only tags of the lead's own organization are read, which the
 * database guarantees anyway (lead-tags-same-organization.v1.sql.ts).
 */
export const withLeadTags: After<ActionResponse> = async (response) => {
  const params = (response as RecordActionResponse).record?.params;
  const id = Number(params?.id);
  const org = Number(params?.organization_id);
  if (!params || !Number.isSafeInteger(id) || !Number.isSafeInteger(org)) return response;
  const tags = await Lead.sequelize!.query<LeadTagSummary>(
    `SELECT t.id, t.name, t.colour FROM lead_tags lt JOIN tags t ON t.id = lt.tag_id AND t.organization_id = :org
      WHERE lt.lead_id = :id ORDER BY lower(t.name), t.id`,
    { replacements: { id, org }, type: QueryTypes.SELECT },
  );
  params[TAG_LIST_PROPERTY] = JSON.stringify(tags);
  return response;
};
