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
    const { stdout } = await run(cmd, [...prefix, 'config'], { env: { ...process.env, POSTGRES_PASSWORD: 's3cret', SESSION_SECRET: 'x'.repeat(48) } });
    expect(stdout).toMatch(/image: postgres:16/);
    expect(stdout).toContain('DATABASE_URL: postgres://leadharbor:s3cret@db:5432/leadharbor');
    expect(stdout).toMatch(/condition: service_healthy/);
    expect(stdout.match(/healthcheck:/g)).toHaveLength(2);
    expect(stdout).toMatch(/build:\s+context: /);
    expect(stdout).toContain(`SESSION_SECRET: ${'x'.repeat(48)}`);
  });

  it('refuses to render without SESSION_SECRET, which production requires', async () => {
    const [cmd, prefix] = composeCommand();
    const env = { ...process.env };
    delete env.SESSION_SECRET;
    await expect(run(cmd, [...prefix, 'config'], { env })).rejects.toMatchObject({ stderr: expect.stringContaining('Set SESSION_SECRET') });
  });
});
