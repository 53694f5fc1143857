import path from 'node:path';
import { ConfigError, loadConfig } from '../../server/config.js';

describe('configuration', () => {
  it('has a working default for every setting on a fresh machine', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      NODE_ENV: 'development', PORT: 3000, EMBEDDED_PG_PORT: 54329,
      DB_POOL_SIZE: 10, DB_POOL_MAX_OVERFLOW: 20, MIGRATE_ON_START: true,
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.embeddedPgDir).toBe(path.resolve('data/pg'));
  });

  it('treats an empty variable as unset', () => {
    const config = loadConfig({ DATABASE_URL: '', PORT: '' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.PORT).toBe(3000);
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', DB_POOL_SIZE: '0', ADMIN_PASSWORD: 'short' });
    } catch (e) { error = e; }
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'DB_POOL_SIZE', 'ADMIN_PASSWORD']) expect(issues).toContain(`${name}:`);
    expect(issues).toContain('DATABASE_URL: must be a postgres:// or postgresql:// URL');
  });

  it('refuses to run in production without SESSION_SECRET, naming it', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET: required when NODE_ENV=production/);
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'y'.repeat(40) }).SESSION_SECRET).toBe('y'.repeat(40));
  });
});
