/**
 * A tiny leveled logger: one line per event, prefixed with the product name,
 * so operators can grep LeadHarbor's output apart from PostgreSQL's.
 */
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof LEVELS;

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export function createLogger(level: LogLevel = 'info', write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  const threshold = LEVELS[level];
  const emit = (lvl: Exclude<LogLevel, 'silent'>, message: string) => {
    if (LEVELS[lvl] >= threshold) write(`[leadharbor] ${lvl.padEnd(5)} ${message}\n`);
  };
  return {
    debug: (m) => emit('debug', m),
    info: (m) => emit('info', m),
    warn: (m) => emit('warn', m),
    // An error logged here is one nobody expected: keep its stack for whoever reads the log.
    error: (m, e) => emit('error', e instanceof Error ? `${m}: ${e.stack ?? e.message}` : e === undefined ? m : `${m}: ${String(e)}`),
  };
}
