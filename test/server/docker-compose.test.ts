import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** `docker compose` (the v2 plugin) where installed, else Debian's `docker-compose`: both validate without an engine. */
function composeCommand(): [string, string[]] {
  try {
    execFileSync('docker', ['compose', 'version'], { stdio: 'ignore' });
    return ['docker', ['compose']];
  } catch {
    return ['docker-compose', []];
  }
}

describe('docker-compose.yml', () => {
  it('is valid, wires the app to PostgreSQL 16 by DATABASE_URL, and health-checks both', async () => {
    const [cmd, prefix] = composeCommand();
    const { stdout } = await run(cmd, [...prefix, 'config'], { env: { ...process.env, POSTGRES_PASSWORD: 's3cret' } });
    expect(stdout).toMatch(/image: postgres:16/);
    expect(stdout).toContain('DATABASE_URL: postgres://leadharbor:s3cret@db:5432/leadharbor');
    expect(stdout).toMatch(/condition: service_healthy/);
    expect(stdout.match(/healthcheck:/g)).toHaveLength(2);
    expect(stdout).toMatch(/build:\s+context: /);
  });
});
