import { useCurrentAdmin } from 'adminjs';
import { DEFAULT_TIME_ZONE } from '../../../models/time-zones.js';

/** The signed-in staff member's organization's zone (the session carries it; see sessions/session-user.ts). */
export function useTimeZone(): string {
  const [admin] = useCurrentAdmin();
  const zone = (admin as { timezone?: unknown } | null)?.timezone;
  return typeof zone === 'string' && zone ? zone : DEFAULT_TIME_ZONE;
}
