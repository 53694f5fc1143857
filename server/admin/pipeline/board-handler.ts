import type { PageHandler } from 'adminjs';
import { Op } from 'sequelize';
import { Lead } from '../../../models/index.js';
import { LEAD_STATUS_LABELS } from '../../../models/value-sets.js';
import { AppError } from '../../errors.js';
import { RECORD_NOT_ACCESSIBLE } from '../admin-locale.js';
import { canOpenPage } from '../access/access-policy.js';
import { actorOf } from '../access/actor.js';
import { OrganizationScope } from '../access/organization-scope.js';
import { withActor } from '../../db/actor.js';
import { asAdmin } from '../current-admin.js';
import { isLeadStatus, moveLeads } from './lead-pipeline.js';
import { boardColumns } from './board-data.js';

/**
 * The board page: GET returns the columns; POST `{leadId, status}` moves one
 * card (a drag) and returns the refreshed columns, or a notice saying why not.
 */
export const boardHandler: PageHandler = async (request, _response, context) => {
  if (!canOpenPage(actorOf(context.currentAdmin), 'board')) throw new AppError('forbidden', 403, 'Sign in to see this page.');
  const scope = OrganizationScope.of(context.currentAdmin);
  const sequelize = Lead.sequelize!;
  if (request.method === 'post') {
    const { leadId, status } = (request.payload ?? {}) as { leadId?: unknown; status?: unknown };
    const id = Number(leadId);
    if (!Number.isInteger(id) || !isLeadStatus(status)) {
      return { notice: { type: 'error', message: 'Choose a lead and a status from the board.' }, columns: await boardColumns(sequelize, scope) };
    }
    const where = { [Op.and]: [{ id }, ...scope.where()] };
    const moved = await withActor(sequelize, asAdmin(context.currentAdmin)?.id, (transaction) => moveLeads(where, status, transaction));
    return {
      notice: moved
        ? { type: 'success', message: `Moved to ${LEAD_STATUS_LABELS[status]}.` }
        : { type: 'error', message: RECORD_NOT_ACCESSIBLE },
      columns: await boardColumns(sequelize, scope),
    };
  }
  return { columns: await boardColumns(sequelize, scope) };
};
