import type { PageHandler } from 'adminjs';
import { Lead } from '../../../models/index.js';
import { AppError } from '../../errors.js';
import { canOpenPage } from '../access/access-policy.js';
import { actorOf } from '../access/actor.js';
import { OrganizationScope } from '../access/organization-scope.js';
import { dashboardStats } from './dashboard-stats.js';

/** The admin home page's data: figures for the viewer's organization, or everything for a superuser. */
export const dashboardHandler: PageHandler = async (_request, _response, context) => {
  if (!canOpenPage(actorOf(context.currentAdmin), 'dashboard')) throw new AppError('forbidden', 403, 'Sign in to see this page.');
  return dashboardStats(Lead.sequelize!, OrganizationScope.of(context.currentAdmin));
};
