import { QueryTypes, type Sequelize } from 'sequelize';
import { LEAD_STATUSES, LEAD_STATUS_LABELS, type LeadPriority, type LeadStatus } from '../../../models/value-sets.js';
import type { OrganizationScope } from '../access/organization-scope.js';

const CARDS_PER_COLUMN = 25;

export interface BoardCard {
  id: number; name: string; product: string | null; score: number | null; createdAt: string;
  priority: LeadPriority; phone: string | null;
}
export interface BoardColumn { status: LeadStatus; label: string; count: number; cards: BoardCard[] }

type CardRow = Omit<BoardCard, 'createdAt'> & { status: LeadStatus; created_at: Date };

/**
 * The pipeline board: one column per status with its total and its newest
 * cards. One lateral query fetches the newest N per status, so the cost is
 * N index lookups per column however many leads there are.
 */
export async function boardColumns(sequelize: Sequelize, scope: OrganizationScope): Promise<BoardColumn[]> {
  const bind = { statuses: [...LEAD_STATUSES], limit: CARDS_PER_COLUMN, ...scope.bind };
  const [cards, counts] = await Promise.all([
    sequelize.query<CardRow>(
      `SELECT s.status, c.* FROM unnest($statuses::text[]) AS s(status)
       CROSS JOIN LATERAL (
         SELECT l.id, l.first_name || ' ' || l.last_name AS name, p.name AS product, l.score, l.priority, l.phone, l.created_at
           FROM leads l LEFT JOIN insurance_products p ON p.id = l.insurance_product_id
          WHERE l.status = s.status AND ${scope.sql('l.organization_id')}
          ORDER BY l.created_at DESC, l.id DESC LIMIT $limit) c`,
      { bind, type: QueryTypes.SELECT }),
    sequelize.query<{ status: LeadStatus; count: string }>(
      // Totals from the trigger-maintained lead_stats: constant cost however many leads there are.
      `SELECT status, sum(leads) AS count FROM lead_stats s WHERE ${scope.sql('s.organization_key')} GROUP BY status`,
      { bind: scope.bind, type: QueryTypes.SELECT }),
  ]);
  const totals = new Map(counts.map((r) => [r.status, Number(r.count)]));
  return LEAD_STATUSES.map((status) => ({
    status,
    label: LEAD_STATUS_LABELS[status],
    count: totals.get(status) ?? 0,
    cards: cards.filter((c) => c.status === status).map((c) => ({
      id: c.id, name: c.name, product: c.product, score: c.score, priority: c.priority, phone: c.phone,
      createdAt: new Date(c.created_at).toISOString(),
    })),
  }));
}
