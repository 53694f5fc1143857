import path from 'node:path';
import { z } from 'zod';
import { estimateSecretBits, MIN_SECRET_BITS } from './auth/secret-strength.js';

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
  /**
   * Express `trust proxy`: how many proxies' X-Forwarded-For (and -Proto) to believe for the client IP (rate
   * limits, consent records) and for HTTPS. 0 in every mode unless set: believing a header that a client can
   * send itself would let anyone pick their rate-limit budget and the address written in consent records.
   */
  TRUST_PROXY_HOPS: int(0, 10).default(0),
  /** The admin session cookie's `Secure` flag: `true`, `false`, or `auto` (Secure when the request came over HTTPS). Default: true in production. */
  COOKIE_SECURE: z.enum(['true', 'false', 'auto']).optional(),
  /** How long a SIGTERM/SIGINT waits for requests already received to be answered before closing their connections. */
  SHUTDOWN_TIMEOUT_MS: int(0, 600_000).default(10_000),
  /** `npm run demo` only: port of the partner demo page (another origin than the app). */
  DEMO_PORT: int(1, 65535).default(5173),
  /** An admin session ends after this many minutes without a request. */
  ADMIN_SESSION_IDLE_MINUTES: int(1, 7 * 24 * 60).default(120),
  /** An admin session ends this many hours after sign-in, however active. */
  ADMIN_SESSION_ABSOLUTE_HOURS: int(1, 30 * 24).default(12),
  ADMIN_EMAIL: z.email().optional(),
  /** Where lead documents are kept: `disk` (under DOCUMENTS_DIR) or `s3` (an S3-compatible bucket). */
  DOCUMENTS_STORE: z.enum(['disk', 's3']).default('disk'),
  /** The disk store's folder, beside the embedded database's by default; with `s3`, uploads are still staged here while they are checked. */
  DOCUMENTS_DIR: z.string().min(1).default('data/documents'),
  /** Largest document accepted, in bytes (10 MB). */
  DOCUMENTS_MAX_BYTES: int(1, 1024 * 1024 * 1024).default(10 * 1024 * 1024),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  /** An S3-compatible service's URL (MinIO, R2…); unset for AWS itself. */
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  /** Bucket in the path rather than the host name, as most S3-compatible services want; default: true when S3_ENDPOINT is set. */
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
});

export type Config = Omit<z.infer<typeof schema>, 'SESSION_SECRET' | 'COOKIE_SECURE' | 'S3_FORCE_PATH_STYLE'> & {
  /** `EMBEDDED_PG_DIR` resolved against the working directory. */
  embeddedPgDir: string;
  /** `DOCUMENTS_DIR` resolved against the working directory. */
  documentsDir: string;
  S3_FORCE_PATH_STYLE: boolean;
  /** Signs admin session cookies; required in production, a fixed value in development. */
  SESSION_SECRET: string;
  /** As express-session's `cookie.secure` takes it. */
  COOKIE_SECURE: boolean | 'auto';
};

/** Development-only: sessions survive restarts; production refuses to start without its own secret. */
const DEVELOPMENT_SESSION_SECRET = 'leadharbor-development-session-secret-not-for-production';

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Why a production SESSION_SECRET is refused, or undefined when it will do. */
function productionSecretProblem(secret: string | undefined): string | undefined {
  if (!secret) return 'required when NODE_ENV=production';
  // Anyone can read this one in the repository and forge an admin session with it.
  if (secret === DEVELOPMENT_SESSION_SECRET) return 'is the development secret published with LeadHarbor; production needs its own';
  const bits = estimateSecretBits(secret);
  if (bits < MIN_SECRET_BITS) {
    return `too easy to guess: it repeats characters or a short pattern, or has too few different characters (about ${bits} bits of randomness, ${MIN_SECRET_BITS} needed)`;
  }
  return undefined;
}

/**
 * Settings that start but probably do not do what the operator wants; the
 * server logs each at start. Production only: development runs on plain
 * HTTP on purpose.
 */
export function configWarnings(config: Pick<Config, 'NODE_ENV' | 'TRUST_PROXY_HOPS' | 'COOKIE_SECURE'>): string[] {
  if (config.NODE_ENV !== 'production' || config.TRUST_PROXY_HOPS > 0) return [];
  const warnings = ['TRUST_PROXY_HOPS=0: X-Forwarded-For is ignored, so rate limits and consent records use the address that connects to the app. '
    + 'Behind a proxy or load balancer that is the proxy, and every visitor shares one per-IP budget: set TRUST_PROXY_HOPS to the number of proxies in front of the app.'];
  if (config.COOKIE_SECURE === true) {
    warnings.push('COOKIE_SECURE=true (the production default) with TRUST_PROXY_HOPS=0: the app itself speaks plain HTTP and cannot believe X-Forwarded-Proto, '
      + 'so it never sets the admin session cookie and admin sign-in loops back to the login page. Behind a TLS proxy that sets X-Forwarded-Proto, '
      + 'set TRUST_PROXY_HOPS to the number of proxies; on plain HTTP on a trusted network, set COOKIE_SECURE=false.');
  }
  return warnings;
}

/** Parses an environment (default: `process.env`) once; throws `ConfigError` naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`DATABASE_URL=`) means "unset", as in most twelve-factor tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const production = parsed.data.NODE_ENV === 'production';
  if (production) {
    const problem = productionSecretProblem(parsed.data.SESSION_SECRET);
    if (problem) throw new ConfigError([`SESSION_SECRET: ${problem} (at least 32 random characters, e.g. \`openssl rand -base64 48\`)`]);
  }
  if (parsed.data.DOCUMENTS_STORE === 's3' && !parsed.data.S3_BUCKET) {
    throw new ConfigError(['S3_BUCKET: required when DOCUMENTS_STORE=s3 (the bucket documents are kept in)']);
  }
  const cookieSecure = parsed.data.COOKIE_SECURE ?? (production ? 'true' : 'false');
  return {
    ...parsed.data,
    SESSION_SECRET: parsed.data.SESSION_SECRET ?? DEVELOPMENT_SESSION_SECRET,
    COOKIE_SECURE: cookieSecure === 'auto' ? 'auto' : cookieSecure === 'true',
    embeddedPgDir: path.resolve(parsed.data.EMBEDDED_PG_DIR),
    documentsDir: path.resolve(parsed.data.DOCUMENTS_DIR),
    S3_FORCE_PATH_STYLE: (parsed.data.S3_FORCE_PATH_STYLE ?? (parsed.data.S3_ENDPOINT ? 'true' : 'false')) === 'true',
  };
}
