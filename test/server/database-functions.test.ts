import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { QueryTypes, type Sequelize } from 'sequelize';
import { LATEST_FUNCTIONS } from '../../migrations/functions/index.js';
import { leadContactDateV1 } from '../../migrations/functions/lead-contact-date.v1.sql.js';
import { CONTACT_STATUSES } from '../../server/admin/pipeline/lead-pipeline.js';
import { connect, createTestDatabase, migrate, type TestDatabase } from '../support/test-database.js';

const FUNCTIONS_DIR = 'migrations/functions';
const CHECKSUMS_FILE = path.join(FUNCTIONS_DIR, 'shipped-checksums.json');

/** Functions whose triggers each table's migration attaches (`addUpdatedAtTrigger()` in migrations/support/ddl.ts). */
const PER_TABLE_TRIGGER_FUNCTIONS = ['set_updated_at'];

let db: TestDatabase;
let sequelize: Sequelize;

beforeAll(async () => {
  db = await createTestDatabase('db_functions');
  await migrate(db.url);
  sequelize = connect(db.url);
});
afterAll(async () => {
  await sequelize?.close();
  await db?.drop();
});

const select = <T extends object>(sql: string, bind: unknown[] = []) => sequelize.query<T>(sql, { bind, type: QueryTypes.SELECT });

describe('the live database runs exactly the latest version of each function', () => {
  it.each(LATEST_FUNCTIONS.map((fn) => [`${fn.name} v${fn.version}`, fn] as const))('%s: body and triggers', async (_label, fn) => {
    const [proc] = await select<{ prosrc: string; args: string; returns: string; language: string; attributes: string }>(`
      SELECT p.prosrc, pg_get_function_identity_arguments(p.oid) AS args, pg_get_function_result(p.oid) AS returns, l.lanname AS language,
             concat_ws(' ', CASE p.provolatile WHEN 'i' THEN 'IMMUTABLE' WHEN 's' THEN 'STABLE' END,
                            CASE p.proparallel WHEN 's' THEN 'PARALLEL SAFE' END) AS attributes
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
       WHERE n.nspname = 'public' AND p.proname = $1`, [fn.name]);
    expect(proc).toEqual({ prosrc: fn.body, args: fn.args, returns: fn.returns, language: fn.language, attributes: fn.attributes ?? '' });
    const triggers = await select<{ definition: string }>(`
      SELECT pg_get_triggerdef(t.oid) AS definition FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
       WHERE p.proname = $1 AND NOT t.tgisinternal ORDER BY t.tgname`, [fn.name]);
    if (PER_TABLE_TRIGGER_FUNCTIONS.includes(fn.name)) {
      for (const { definition } of triggers) expect(definition).toMatch(new RegExp(`^CREATE TRIGGER trg_(\\w+)_updated_at BEFORE UPDATE ON public\\.\\1 FOR EACH ROW EXECUTE FUNCTION ${fn.name}\\(\\)$`));
    } else {
      expect(triggers.map((t) => t.definition)).toEqual((fn.triggers ?? []).map((t) => t.create).sort());
    }
  });

  it('every function and trigger in the database is a versioned one', async () => {
    const functions = await select<{ name: string }>(`
      SELECT DISTINCT p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'public'
         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') ORDER BY 1`);
    expect(functions.map((f) => f.name)).toEqual(LATEST_FUNCTIONS.map((f) => f.name).sort());
    const triggers = await select<{ name: string; fn: string }>(`
      SELECT t.tgname AS name, p.proname AS fn FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid WHERE NOT t.tgisinternal`);
    const versioned = new Set(LATEST_FUNCTIONS.flatMap((f) => (f.triggers ?? []).map((t) => t.name)));
    const strays = triggers.filter((t) => !versioned.has(t.name) && !PER_TABLE_TRIGGER_FUNCTIONS.includes(t.fn));
    expect(strays).toEqual([]);
  });
});

describe('shipped version files never change', () => {
  const versionFiles = readdirSync(FUNCTIONS_DIR).filter((f) => /\.v\d+\.sql\.ts$/.test(f)).sort();
  const checksums = JSON.parse(readFileSync(CHECKSUMS_FILE, 'utf8')) as Record<string, string>;

  it('each version file matches its recorded checksum (a change is a new version file, never an edit)', () => {
    const actual = Object.fromEntries(versionFiles.map((f) => [f, createHash('sha256').update(readFileSync(path.join(FUNCTIONS_DIR, f))).digest('hex')]));
    // A new version file's line goes into shipped-checksums.json with the value this prints.
    expect(checksums).toEqual(actual);
  });

  it('each latest version is the highest-numbered file of its function', () => {
    for (const fn of LATEST_FUNCTIONS) {
      const versions = versionFiles.map((f) => readFileSync(path.join(FUNCTIONS_DIR, f), 'utf8'))
        .filter((text) => text.includes(`name: '${fn.name}'`))
        .map((text) => Number(/version: (\d+)/.exec(text)?.[1]));
      expect(Math.max(...versions)).toBe(fn.version);
    }
  });
});

it('the contact statuses frozen in the database function are the pipeline\'s', () => {
  const frozen = /NEW\.status IN \(([^)]*)\)/.exec(leadContactDateV1.body)![1]!.split(',').map((s) => s.trim().replace(/'/g, ''));
  expect(frozen.sort()).toEqual([...CONTACT_STATUSES].sort());
});
