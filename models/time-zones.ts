/**
 * The time zones an organization may choose, by IANA name. The admin shows
 * its times in the organization's zone; the column's default
 * (migrations/2026.12.04T15.00.00.organization-timezone.ts) is this one.
 */
export const DEFAULT_TIME_ZONE = 'America/New_York';

/** The zones US agencies mostly work in, first in the dropdown and named as people say them. */
const US_ZONES: Record<string, string> = {
  'America/New_York': 'Eastern time (New York)',
  'America/Chicago': 'Central time (Chicago)',
  'America/Denver': 'Mountain time (Denver)',
  'America/Phoenix': 'Mountain time, no daylight saving (Phoenix)',
  'America/Los_Angeles': 'Pacific time (Los Angeles)',
  'America/Anchorage': 'Alaska time (Anchorage)',
  'Pacific/Honolulu': 'Hawaii time (Honolulu)',
  'America/Puerto_Rico': 'Atlantic time (Puerto Rico)',
};

/**
 * Every zone this runtime's ICU knows (the formatter must be able to use it),
 * plus UTC, which `Intl.supportedValuesOf` leaves out. Aliases such as
 * `US/Eastern` are refused: one name per zone keeps the stored values comparable.
 */
export const TIME_ZONES: readonly string[] = [...new Set([...Object.keys(US_ZONES), ...Intl.supportedValuesOf('timeZone'), 'UTC'])];
const KNOWN = new Set(TIME_ZONES);

export function isTimeZone(value: unknown): value is string {
  return typeof value === 'string' && KNOWN.has(value);
}

export const TIME_ZONE_MESSAGE = 'Choose a time zone from the list.';

/** The dropdown's options: US zones first by their everyday names, then every other zone by its IANA name. */
export const TIME_ZONE_OPTIONS: readonly { value: string; label: string }[] = TIME_ZONES.map((value) => ({
  value, label: US_ZONES[value] ?? value.replace(/_/g, ' '),
}));
