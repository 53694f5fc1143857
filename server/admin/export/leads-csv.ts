import { Op, Sequelize, type InferAttributes, type WhereOptions } from 'sequelize';
import { Campaign, InsuranceProduct, Lead, LeadSource } from '../../../models/index.js';
import { DEFAULT_TIME_ZONE } from '../../../models/time-zones.js';
import { spreadsheetDateTime } from '../format-date-time.js';
import { csvRow, type CsvValue } from './csv.js';

/** Rows fetched per query: large enough to keep round trips few, small enough to bound memory. */
const BATCH_SIZE = 1000;

/** The header row, in column order. */
export const LEAD_CSV_COLUMNS = [
  'id', 'first_name', 'last_name', 'email', 'phone', 'date_of_birth', 'address', 'city', 'state', 'zip_code',
  'country', 'status', 'priority', 'score', 'estimated_value', 'product', 'lead_source', 'campaign', 'notes',
  'last_contact_date', 'next_follow_up_date', 'created_at', 'updated_at',
] as const;

/** The columns holding a moment: written in the organization's zone, which their header names. */
const TIME_COLUMNS: ReadonlySet<string> = new Set(['last_contact_date', 'next_follow_up_date', 'created_at', 'updated_at']);

/**
 * The header row for times in `zone`: `created_at (America/New_York)`. In the
 * header, not the cells, so spreadsheets still read the cells as date-times.
 */
export function leadCsvHeader(zone: string): string[] {
  return LEAD_CSV_COLUMNS.map((column) => (TIME_COLUMNS.has(column) ? `${column} (${zone})` : column));
}

export type LeadColumn = keyof InferAttributes<Lead>;
export interface LeadSort { column: LeadColumn; direction: 'asc' | 'desc' }
export const NEWEST_FIRST: LeadSort = { column: 'created_at', direction: 'desc' };

type LeadRow = InferAttributes<Lead> & { sort_cursor: string | null };
type Names = Record<'products' | 'sources', Map<number, string>> & { campaigns: Map<string, string> };
/** A campaign's name shows only beside leads of its own organization, whatever a lead row points at. */
const campaignKey = (organizationId: number | null | undefined, campaignId: number) => `${organizationId}:${campaignId}`;

const nameOf = (map: Map<number, string>, id: number | null | undefined): string | null => (id == null ? null : map.get(id) ?? null);

function toCsv(row: LeadRow, names: Names, zone: string): string {
  const time = (date: Date | null) => spreadsheetDateTime(date, zone);
  const values: CsvValue[] = [
    row.id, row.first_name, row.last_name, row.email, row.phone, row.date_of_birth, row.address, row.city, row.state,
    row.zip_code, row.country, row.status, row.priority, row.score, row.estimated_value,
    nameOf(names.products, row.insurance_product_id), nameOf(names.sources, row.lead_source_id),
    row.campaign_id == null ? null : names.campaigns.get(campaignKey(row.organization_id, row.campaign_id)) ?? null, row.notes, time(row.last_contact_date), time(row.next_follow_up_date),
    time(row.created_at), time(row.updated_at),
  ];
  return csvRow(values);
}

async function nameMap(rows: Promise<{ id: number; name: string }[]>): Promise<Map<number, string>> {
  return new Map((await rows).map((r) => [r.id, r.name]));
}

/** Products and sources are small shared tables: read whole, once. Campaigns come batch by batch (see below). */
async function loadNames(): Promise<Names> {
  const [products, sources] = await Promise.all([
    nameMap(InsuranceProduct.findAll({ attributes: ['id', 'name'], raw: true })),
    nameMap(LeadSource.findAll({ attributes: ['id', 'name'], raw: true })),
  ]);
  return { products, sources, campaigns: new Map() };
}

/**
 * Campaigns are per organization and may be many: only those the exported
 * rows use are read, each once, as they first appear. Most batches need no
 * query, and the first byte does not wait for a scan of every matching lead.
 */
async function addCampaigns(rows: LeadRow[], names: Names): Promise<void> {
  const missing = [...new Set(rows.filter((r) => r.campaign_id != null && !names.campaigns.has(campaignKey(r.organization_id, r.campaign_id)))
    .map((r) => r.campaign_id!))];
  if (!missing.length) return;
  const found = await Campaign.findAll({ attributes: ['id', 'name', 'organization_id'], where: { id: missing }, raw: true });
  for (const campaign of found) names.campaigns.set(campaignKey(campaign.organization_id, campaign.id), campaign.name);
}

/**
 * Keyset pagination: rows strictly after the last one sent, in (sort column, id)
 * order. OFFSET would make PostgreSQL produce and discard every skipped row
 * again for each batch, and rows added or deleted mid-export would shift the
 * pages (a lead exported twice, or never).
 * The cursor is the column's own text form from PostgreSQL, compared as an
 * untyped literal, so the database reads it back at full precision: a JS Date
 * would drop the microseconds of `now()` and skip rows sharing a millisecond.
 * NULLs sort as PostgreSQL sorts them by default (last ascending, first
 * descending), and the condition follows that order.
 */
function after({ column, direction }: LeadSort, last: LeadRow): WhereOptions {
  const sequelize = Lead.sequelize!;
  const c = `"${column}"`; // column is a validated attribute name of Lead, never raw input
  const op = direction === 'desc' ? '<' : '>';
  const id = Number(last.id);
  const tuple = `(${c}, "id") ${op} (${sequelize.escape(last.sort_cursor ?? '')}, ${id})`;
  const sql = last.sort_cursor === null
    ? (direction === 'desc' ? `(${c} IS NULL AND "id" ${op} ${id}) OR ${c} IS NOT NULL` : `${c} IS NULL AND "id" ${op} ${id}`)
    : (direction === 'desc' ? tuple : `${tuple} OR ${c} IS NULL`);
  return Sequelize.literal(`(${sql})`);
}

function fetchBatch(where: WhereOptions, sort: LeadSort, last: LeadRow | undefined, limit: number): Promise<LeadRow[]> {
  const dir = sort.direction === 'desc' ? 'DESC' : 'ASC';
  return Lead.findAll({
    attributes: { include: [[Sequelize.cast(Sequelize.col(sort.column), 'text'), 'sort_cursor']] },
    where: last ? { [Op.and]: [where, after(sort, last)] } : where,
    order: [[sort.column, `${dir} NULLS ${dir === 'DESC' ? 'FIRST' : 'LAST'}`], ['id', dir]],
    limit,
    raw: true,
  }) as unknown as Promise<LeadRow[]>;
}

/**
 * The export as CSV text, one chunk per batch. The first chunk (header row
 * plus the first batch) is produced only once the name lookups and the first
 * query have succeeded, so a caller that awaits it before sending headers can
 * still answer a failure with a proper error instead of a truncated file.
 * Stopping the iteration (`break`, `return()`) stops the queries. Times are
 * written in `zone` (the organization's), named in the header.
 */
export async function* leadCsvChunks(
  where: WhereOptions, sort: LeadSort = NEWEST_FIRST, zone: string = DEFAULT_TIME_ZONE, batchSize = BATCH_SIZE,
): AsyncGenerator<string> {
  const names = await loadNames();
  let header = csvRow(leadCsvHeader(zone));
  let last: LeadRow | undefined;
  for (;;) {
    const rows = await fetchBatch(where, sort, last, batchSize);
    await addCampaigns(rows, names);
    yield header + rows.map((row) => toCsv(row, names, zone)).join('');
    header = '';
    if (rows.length < batchSize) return;
    last = rows[rows.length - 1];
  }
}
