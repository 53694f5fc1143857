/**
 * The baseline of `npm run bench:intake`: what any Express + pg service must
 * pay to take a lead, and nothing more. `express.json()`, then one INSERT of
 * the same leads row the app would write (same table, same indexes and
 * triggers), on a pg.Pool of the app's size. No validation, keys, rate
 * limits, deduplication, submission or consent records: the app's extra work
 * is what the comparison measures. Env: DATABASE_URL, PORT, BENCH_POOL and
 * the ids of the seeded organization, product and source.
 */
import express from 'express';
import pg from 'pg';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const pool = new pg.Pool({ connectionString: env('DATABASE_URL'), max: Number(env('BENCH_POOL')) });
const ids = [Number(env('BENCH_ORG_ID')), Number(env('BENCH_SOURCE_ID')), Number(env('BENCH_PRODUCT_ID'))];

const app = express();
app.get('/ready', (_req, res) => { pool.query('SELECT 1').then(() => res.send('ok'), () => res.sendStatus(503)); });
app.post('/api/v1/leads', express.json(), (req, res) => {
  const b = req.body as Record<string, string>;
  pool.query(
    `INSERT INTO leads (first_name, last_name, email, phone, date_of_birth, state, zip_code,
                        organization_id, lead_source_id, insurance_product_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [b.first_name, b.last_name, b.email?.toLowerCase(), b.phone, b.date_of_birth, b.state, b.zip_code, ...ids],
  ).then(
    (result) => { res.status(201).json({ lead_id: result.rows[0].id }); },
    () => { res.sendStatus(500); },
  );
});
const server = app.listen(Number(env('PORT')), '127.0.0.1');

process.on('SIGTERM', () => {
  server.close();
  pool.end().finally(() => process.exit(0));
});
