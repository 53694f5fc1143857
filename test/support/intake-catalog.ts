import type pg from 'pg';
import { PRODUCT_TYPES, SOURCE_TYPES } from '../../models/value-sets.js';

/** One active insurance product of each type and one lead source of each type: what intake resolves products and sources against. */
export async function seedIntakeCatalog(client: pg.Client): Promise<void> {
  await client.query(`
    INSERT INTO insurance_products (name, slug, product_type)
    SELECT initcap(t) || ' Insurance', t || '-insurance', t FROM unnest($1::text[]) t`, [PRODUCT_TYPES]);
  await client.query(`
    INSERT INTO lead_sources (name, slug, source_type)
    SELECT initcap(replace(t, '_', ' ')), replace(t, '_', '-'), t FROM unnest($1::text[]) t`, [SOURCE_TYPES]);
}
