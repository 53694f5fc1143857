import path from 'node:path';
import { z } from 'zod';

/**
 * The only reader of `process.env`. Every key has a development default or
 * fails fast with a message that names the variable.
 */
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: int(0, 65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL').optional(),
  EMBEDDED_PG_PORT: int(1, 65535).default(54329),
  EMBEDDED_PG_DIR: z.string().min(1).default('data/pg'),
  DB_POOL_SIZE: int(1, 1000).default(10),
  DB_POOL_MAX_OVERFLOW: int(0, 1000).default(20),
  DB_POOL_ACQUIRE_TIMEOUT_MS: int(100, 600_000).default(30_000),
  DB_POOL_IDLE_TIMEOUT_MS: int(100, 3_600_000).default(10_000),
  DB_LOG_SQL: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  MIGRATE_ON_START: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters (use a long random string)').optional(),
  RATE_LIMIT_IP_PER_WINDOW: int(1, 10_000_000).default(20),
  RATE_LIMIT_KEY_PER_WINDOW: int(1, 10_000_000).default(1000),
  RATE_LIMIT_WINDOW_SECONDS: int(1, 3600).default(60),
  DEDUP_WINDOW_DAYS: int(0, 3650).default(30),
  /** Express `trust proxy`: how many proxies' X-Forwarded-For to believe for the client IP (rate limits, consent records). */
  TRUST_PROXY_HOPS: int(0, 10).optional(),
  /** `npm run demo` only: port of the partner demo page (another origin than the app). */
  DEMO_PORT: int(1, 65535).default(5173),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
});

export type Config = Omit<z.infer<typeof schema>, 'SESSION_SECRET'> & {
  /** `EMBEDDED_PG_DIR` resolved against the working directory. */
  embeddedPgDir: string;
  /** Signs admin session cookies; required in production, a fixed value in development. */
  SESSION_SECRET: string;
};

/** Development-only: sessions survive restarts; production refuses to start without its own secret. */
const DEVELOPMENT_SESSION_SECRET = 'leadharbor-development-session-secret-not-for-production';

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment (default: `process.env`) once; throws `ConfigError` naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`DATABASE_URL=`) means "unset", as in most twelve-factor tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  if (parsed.data.NODE_ENV === 'production' && !parsed.data.SESSION_SECRET) {
    throw new ConfigError(['SESSION_SECRET: required when NODE_ENV=production (at least 32 random characters, e.g. `openssl rand -base64 48`)']);
  }
  return {
    ...parsed.data,
    SESSION_SECRET: parsed.data.SESSION_SECRET ?? DEVELOPMENT_SESSION_SECRET,
    embeddedPgDir: path.resolve(parsed.data.EMBEDDED_PG_DIR),
  };
}
