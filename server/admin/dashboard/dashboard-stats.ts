import { QueryTypes, type Sequelize } from 'sequelize';
import type { OrganizationScope } from '../access/organization-scope.js';
import {
  LEAD_STATUSES, LEAD_STATUS_LABELS, PRODUCT_TYPE_LABELS, SOURCE_TYPE_LABELS, type LeadStatus,
} from '../../../models/value-sets.js';

export interface Bucket { key: string; label: string; count: number }

/** Everything the dashboard shows, computed for one organization (or all, for a superuser). */
export interface DashboardStats {
  scope: 'organization' | 'all';
  totals: { leads: number; lastThirtyDays: number; converted: number; open: number; conversionRate: number };
  byStatus: Bucket[];
  byProductType: Bucket[];
  bySourceType: Bucket[];
  byCampaign: Bucket[];
  perDay: { date: string; count: number }[];
}

const OPEN: LeadStatus[] = ['new', 'contacted', 'qualified', 'nurturing'];
const DAYS = 30;

type Row = { key: string | null; count: string };

/**
 * Dashboard figures from `lead_stats`, the trigger-maintained counts (see the
 * create-lead-stats migration), so they cost the same at 200 or 1,000,000
 * leads. Conversion rate is converted / decided (converted + lost): open leads
 * have not had their chance yet, archived ones left without an outcome.
 */
export async function dashboardStats(sequelize: Sequelize, scope: OrganizationScope): Promise<DashboardStats> {
  const scoped = scope.sql('s.organization_key');
  const bind = scope.bind;
  const grouped = (sql: string) => sequelize.query<Row>(sql, { bind, type: QueryTypes.SELECT });
  const [status, product, source, campaign, days] = await Promise.all([
    grouped(`SELECT status AS key, sum(leads) AS count FROM lead_stats s WHERE ${scoped} GROUP BY status`),
    grouped(`SELECT p.product_type AS key, sum(s.leads) AS count FROM lead_stats s LEFT JOIN insurance_products p ON p.id = s.product_key WHERE ${scoped} GROUP BY 1 HAVING sum(s.leads) > 0`),
    grouped(`SELECT src.source_type AS key, sum(s.leads) AS count FROM lead_stats s LEFT JOIN lead_sources src ON src.id = s.source_key WHERE ${scoped} GROUP BY 1 HAVING sum(s.leads) > 0`),
    // A campaign's name counts only for leads of its own organization (a lead can point at another's campaign only by old data).
    grouped(`SELECT c.name AS key, sum(s.leads) AS count FROM lead_stats s JOIN campaigns c ON c.id = s.campaign_key AND c.organization_id = s.organization_key
              WHERE ${scoped} GROUP BY 1 HAVING sum(s.leads) > 0 ORDER BY 2 DESC LIMIT 10`),
    grouped(`SELECT to_char(d.day, 'YYYY-MM-DD') AS key, coalesce(sum(s.leads), 0) AS count
               FROM (SELECT generate_series(timezone('utc', now())::date - ${DAYS - 1}, timezone('utc', now())::date, interval '1 day')::date AS day) AS d
               LEFT JOIN lead_stats s ON s.day = d.day AND ${scoped}
              GROUP BY d.day ORDER BY d.day`),
  ]);
  const counts = new Map(status.map((r) => [r.key, Number(r.count)]));
  const byStatus = LEAD_STATUSES.map((s) => ({ key: s, label: LEAD_STATUS_LABELS[s], count: counts.get(s) ?? 0 }));
  const count = (s: LeadStatus) => counts.get(s) ?? 0;
  const decided = count('converted') + count('lost');
  const labelled = (rows: Row[], labels: Record<string, string>, none: string): Bucket[] => rows
    .map((r) => ({ key: r.key ?? 'none', label: r.key ? labels[r.key] ?? r.key : none, count: Number(r.count) }))
    .sort((a, b) => b.count - a.count);
  const perDay = days.map((r) => ({ date: r.key ?? '', count: Number(r.count) }));
  return {
    scope: scope.confined ? 'organization' : 'all',
    totals: {
      leads: byStatus.reduce((sum, b) => sum + b.count, 0),
      lastThirtyDays: perDay.reduce((sum, d) => sum + d.count, 0),
      converted: count('converted'),
      open: OPEN.reduce((sum, s) => sum + count(s), 0),
      conversionRate: decided === 0 ? 0 : Math.round((count('converted') / decided) * 1000) / 10,
    },
    byStatus,
    byProductType: labelled(product, PRODUCT_TYPE_LABELS, 'No product'),
    bySourceType: labelled(source, SOURCE_TYPE_LABELS, 'No source'),
    byCampaign: labelled(campaign, {}, 'No campaign'),
    perDay,
  };
}
