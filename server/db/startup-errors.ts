import { ConnectionError } from 'sequelize';
import { EmbeddedDatabaseError } from './embedded-errors.js';

/**
 * Turns a start-up failure into one line an operator can act on: the
 * database that could not be reached and what to change, not a stack trace.
 */
export function describeStartupError(error: unknown): string {
  if (error instanceof EmbeddedDatabaseError) return error.message;
  if (error instanceof ConnectionError) {
    const cause = (error as { parent?: Error }).parent?.message ?? error.message;
    return `Cannot connect to the database: ${cause}. Check DATABASE_URL (or unset it to use the embedded PostgreSQL).`;
  }
  if ((error as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
    const e = error as NodeJS.ErrnoException & { port?: number };
    return `Port ${e.port ?? ''} is already in use. Set PORT to a free port.`;
  }
  if (error instanceof Error) return `${error.message}\n${error.stack ?? ''}`;
  return String(error);
}
