import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { CreationAttributes, Sequelize } from 'sequelize';
import type { Lead } from '../../models/lead.model.js';

type LeadRow = CreationAttributes<Lead>;

/** Every column the generator fills, in COPY order (`id` comes from the identity column). */
const LEAD_COPY_COLUMNS = [
  'first_name', 'last_name', 'email', 'phone', 'date_of_birth', 'address', 'city', 'state', 'zip_code', 'country',
  'status', 'priority', 'score', 'notes', 'estimated_value', 'last_contact_date', 'next_follow_up_date',
  'organization_id', 'lead_source_id', 'campaign_id', 'insurance_product_id', 'created_at', 'updated_at',
] as const satisfies readonly (keyof LeadRow)[];

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value in COPY's text format; timestamps are written as the UTC wall-clock the columns hold. */
function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace('Z', '');
  return String(value).replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!);
}

function copyLine(row: LeadRow): string {
  let line = '';
  for (let i = 0; i < LEAD_COPY_COLUMNS.length; i += 1) {
    line += (i ? '\t' : '') + copyValue(row[LEAD_COPY_COLUMNS[i]!]);
  }
  return `${line}\n`;
}

/**
 * Streams leads into the table with one `COPY ... FROM STDIN`, a single
 * statement and so a single transaction: either every row of `blocks` is
 * committed or none is. Each block becomes one chunk of COPY text, so memory
 * holds one block at a time whatever the total.
 */
export async function copyLeads(sequelize: Sequelize, blocks: Iterable<LeadRow[]>): Promise<void> {
  const client = await sequelize.connectionManager.getConnection({ type: 'write' }) as pg.Client;
  let healthy = false;
  try {
    const text = function* () {
      for (const rows of blocks) {
        let chunk = '';
        for (const row of rows) chunk += copyLine(row);
        yield chunk;
      }
    };
    const sink = client.query(copyFrom(`COPY leads (${LEAD_COPY_COLUMNS.join(', ')}) FROM STDIN`));
    await pipeline(Readable.from(text(), { objectMode: false }), sink);
    healthy = true;
  } finally {
    // A connection whose COPY failed half-way is not handed to anyone else.
    if (healthy) sequelize.connectionManager.releaseConnection(client);
    else await sequelize.connectionManager.destroyConnection(client).catch(() => undefined);
  }
}
