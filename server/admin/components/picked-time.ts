import { instantOfWallTime, wallTimeIn } from '../format-date-time.js';

/**
 * What a date picker shows and what it picked, for the organization's clock
 * (the edit field and the filter share them). The picker works on the
 * browser's clock and shows a zoneless value as local: a stored calendar day
 * is shown at its local midnight, a moment at its wall time in the zone.
 */
export function pickerValue(raw: unknown, type: string, zone: string): string {
  if (raw === null || raw === undefined || raw === '') return '';
  return type === 'date' ? `${String(raw).slice(0, 10)}T00:00:00` : wallTimeIn(raw, zone) ?? String(raw);
}

/** A calendar date as the person picked it: the day in their own zone, never shifted through UTC. */
function localDay(picked: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${picked.getFullYear()}-${pad(picked.getMonth() + 1)}-${pad(picked.getDate())}`;
}

/**
 * The value a picker's choice stands for: the day picked for a date column;
 * for a moment, the time picked read on the organization's clock instead of
 * the browser's. `iso` is what the design system's DatePicker reports.
 */
export function pickedValue(iso: string | null, type: string, zone: string): string | null {
  if (!iso) return iso;
  const picked = new Date(iso);
  if (Number.isNaN(picked.getTime())) return iso;
  if (type === 'date') return localDay(picked);
  return instantOfWallTime({
    year: picked.getFullYear(), month: picked.getMonth() + 1, day: picked.getDate(), hour: picked.getHours(), minute: picked.getMinutes(),
  }, zone).toISOString();
}
