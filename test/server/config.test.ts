import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { estimateSecretBits } from '../../server/auth/secret-strength.js';
import { ConfigError, configWarnings, loadConfig } from '../../server/config.js';

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

  it('admin sessions last 2 h idle and 12 h in all by default; both can be set, and nonsense is refused naming the variable', () => {
    expect(loadConfig({})).toMatchObject({ ADMIN_SESSION_IDLE_MINUTES: 120, ADMIN_SESSION_ABSOLUTE_HOURS: 12 });
    expect(loadConfig({ ADMIN_SESSION_IDLE_MINUTES: '15', ADMIN_SESSION_ABSOLUTE_HOURS: '8' })).toMatchObject({ ADMIN_SESSION_IDLE_MINUTES: 15, ADMIN_SESSION_ABSOLUTE_HOURS: 8 });
    for (const [name, value] of [['ADMIN_SESSION_IDLE_MINUTES', '0'], ['ADMIN_SESSION_IDLE_MINUTES', 'forever'], ['ADMIN_SESSION_ABSOLUTE_HOURS', '0'], ['ADMIN_SESSION_ABSOLUTE_HOURS', '1.5']]) {
      expect(() => loadConfig({ [name!]: value })).toThrow(new RegExp(`${name}:`));
    }
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
    const secret = randomBytes(48).toString('base64');
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret }).SESSION_SECRET).toBe(secret);
  });
});

/** The issues a production config with this SESSION_SECRET is refused for, or [] when it starts. */
function productionSecretIssues(secret: string): string[] {
  try {
    loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
}

describe('production SESSION_SECRET', () => {
  it('refuses the development secret, naming the variable and how to make one', () => {
    const development = loadConfig({}).SESSION_SECRET;
    const [issue, ...more] = productionSecretIssues(development);
    expect(more).toEqual([]);
    expect(issue).toMatch(/^SESSION_SECRET: is the development secret/);
    expect(issue).toContain('openssl rand -base64 48');
  });

  it.each([
    ['one character repeated', 'a'.repeat(40)],
    ['a three-character pattern', 'abc'.repeat(15)],
    ['a word repeated', 'password'.repeat(5)],
    ['a word with a digit and a symbol, repeated', 'Password1!'.repeat(4)],
    ['the alphabet and the digits in order', 'abcdefghijklmnopqrstuvwxyz0123456789'],
    ['two characters at random', Array.from(randomBytes(64), (b) => (b & 1 ? 'x' : 'y')).join('')],
  ])('refuses %s as too easy to guess, saying how to make a good one', (_name, secret) => {
    const issues = productionSecretIssues(secret);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^SESSION_SECRET: too easy to guess: .*about \d+ bits of randomness, 112 needed/);
    expect(issues[0]).toContain('`openssl rand -base64 48`');
  });

  it('accepts what generators make: openssl rand -base64 48, -hex 32 and -hex 16', () => {
    for (let i = 0; i < 200; i += 1) {
      for (const secret of [randomBytes(48).toString('base64'), randomBytes(32).toString('hex'), randomBytes(16).toString('hex')]) {
        expect(productionSecretIssues(secret)).toEqual([]);
      }
    }
  });

  it('keeps development and tests free to use any secret of 32 characters', () => {
    expect(loadConfig({ SESSION_SECRET: 'a'.repeat(32) }).SESSION_SECRET).toBe('a'.repeat(32));
    expect(loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'password'.repeat(4) }).SESSION_SECRET).toBe('password'.repeat(4));
  });
});

describe('estimateSecretBits', () => {
  it('counts a pattern once, however often it repeats', () => {
    expect(estimateSecretBits('password'.repeat(2))).toBe(estimateSecretBits('password'.repeat(50)));
    expect(estimateSecretBits('')).toBe(0);
  });
});

describe('proxies and cookies', () => {
  const PRODUCTION = { NODE_ENV: 'production', SESSION_SECRET: randomBytes(48).toString('base64') };

  it('trusts no proxy unless TRUST_PROXY_HOPS says how many, in every mode', () => {
    expect(loadConfig({}).TRUST_PROXY_HOPS).toBe(0);
    expect(loadConfig(PRODUCTION).TRUST_PROXY_HOPS).toBe(0);
    expect(loadConfig({ ...PRODUCTION, TRUST_PROXY_HOPS: '0' }).TRUST_PROXY_HOPS).toBe(0);
    expect(loadConfig({ ...PRODUCTION, TRUST_PROXY_HOPS: '2' }).TRUST_PROXY_HOPS).toBe(2);
    expect(() => loadConfig({ TRUST_PROXY_HOPS: '-1' })).toThrow(/TRUST_PROXY_HOPS:/);
  });

  it('makes the session cookie Secure in production unless COOKIE_SECURE says otherwise', () => {
    expect(loadConfig(PRODUCTION).COOKIE_SECURE).toBe(true);
    expect(loadConfig({ ...PRODUCTION, COOKIE_SECURE: 'false' }).COOKIE_SECURE).toBe(false);
    expect(loadConfig({ ...PRODUCTION, COOKIE_SECURE: 'auto' }).COOKIE_SECURE).toBe('auto');
    expect(loadConfig({}).COOKIE_SECURE).toBe(false);
    expect(loadConfig({ COOKIE_SECURE: 'true' }).COOKIE_SECURE).toBe(true);
    expect(() => loadConfig({ COOKIE_SECURE: 'yes' })).toThrow(/COOKIE_SECURE:/);
  });

  it('warns when production would refuse every admin sign-in: Secure cookies, but no proxy trusted to say the request was HTTPS', () => {
    const warnings = configWarnings(loadConfig(PRODUCTION));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^TRUST_PROXY_HOPS=0: X-Forwarded-For is ignored/);
    expect(warnings[1]).toMatch(/^COOKIE_SECURE=true .*with TRUST_PROXY_HOPS=0: .*sign-in loops back to the login page/);
    expect(warnings[1]).toContain('set TRUST_PROXY_HOPS to the number of proxies');
    expect(warnings[1]).toContain('set COOKIE_SECURE=false');
  });

  it('does not warn behind a trusted proxy, nor in development', () => {
    expect(configWarnings(loadConfig({ ...PRODUCTION, TRUST_PROXY_HOPS: '1' }))).toEqual([]);
    expect(configWarnings(loadConfig({ ...PRODUCTION, COOKIE_SECURE: 'false' }))).toHaveLength(1); // only the X-Forwarded-For note
    expect(configWarnings(loadConfig({}))).toEqual([]);
  });
});

describe('shutdown', () => {
  it('waits 10 seconds for requests already received unless SHUTDOWN_TIMEOUT_MS says otherwise', () => {
    expect(loadConfig({}).SHUTDOWN_TIMEOUT_MS).toBe(10_000);
    expect(loadConfig({ SHUTDOWN_TIMEOUT_MS: '2500' }).SHUTDOWN_TIMEOUT_MS).toBe(2500);
    expect(() => loadConfig({ SHUTDOWN_TIMEOUT_MS: 'soon' })).toThrow(/SHUTDOWN_TIMEOUT_MS:/);
  });
});
