import { DEFAULT_TIME_ZONE } from '../../models/time-zones.js';

/**
 * The one way the admin writes a date or a time, on screen (the custom
 * components and AdminJS's datetime fields, overridden) and in the CSV
 * export. Pure Intl, so the browser bundle and the server share it.
 *
 * Timestamps are stored as UTC in `timestamp without time zone` columns, so
 * a time written without a zone (`2026-12-04 14:48:00`) is read as UTC,
 * never as the server's or the browser's local time.
 */

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ZONELESS = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const EPOCH = /^\d{9,14}$/;
/** Below this an epoch number is in seconds (1973 in milliseconds, year 5138 in seconds). */
const SECONDS_LIMIT = 1e11;

function fromEpoch(n: number): Date {
  return new Date(n < SECONDS_LIMIT ? n * 1000 : n);
}

/** The instant a value stands for (a Date, epoch seconds or milliseconds, an ISO string), or null when it is none. */
export function toInstant(value: unknown): Date | null {
  let date: Date | null = null;
  if (value instanceof Date) date = value;
  else if (typeof value === 'number' && Number.isFinite(value)) date = fromEpoch(value);
  else if (typeof value === 'string') {
    const text = value.trim();
    if (EPOCH.test(text)) date = fromEpoch(Number(text));
    else if (ZONELESS.test(text)) date = new Date(`${text.replace(' ', 'T')}Z`);
    else if (/^\d{4}-\d{2}-\d{2}T/.test(text)) date = new Date(text);
  }
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(zone: string, options: Intl.DateTimeFormatOptions, key: string): Intl.DateTimeFormat {
  const id = `${key}|${zone}`;
  let format = formats.get(id);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', { ...options, timeZone: zone });
    } catch {
      format = new Intl.DateTimeFormat('en-US', { ...options, timeZone: DEFAULT_TIME_ZONE }); // an unknown zone (an old session) still shows a time
    }
    formats.set(id, format);
  }
  return format;
}

/** ICU puts narrow no-break spaces before AM/PM; plain spaces read, copy and compare the same everywhere. */
const plainSpaces = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

/**
 * A moment as staff read it, in `zone` and labelled with it:
 * "Dec 4, 2026, 9:48 AM EST". Empty for nothing; a value that is no time is shown as it is.
 */
export function formatDateTime(value: unknown, zone: string = DEFAULT_TIME_ZONE): string {
  if (value === null || value === undefined || value === '') return '';
  const date = toInstant(value);
  if (!date) return String(value);
  const format = formatIn(zone, {
    month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short',
  }, 'screen');
  return plainSpaces(format.format(date));
}

/**
 * A calendar date (a DATE column: a date of birth, a campaign's start) as
 * "Mar 5, 1980". It is no moment, so no zone applies and it never shifts.
 */
export function formatDate(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
  const parts = DATE_ONLY.exec(text);
  if (!parts) return String(value);
  const date = new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])));
  return plainSpaces(formatIn('UTC', { month: 'short', day: 'numeric', year: 'numeric' }, 'date').format(date));
}

/**
 * A moment for a spreadsheet: `2026-12-04 09:48:00` in `zone`, which Excel,
 * LibreOffice and Google Sheets all read as a date-time. The zone is named in
 * the column's header, not in the cell, so the cell stays a date to them.
 */
export function spreadsheetDateTime(value: unknown, zone: string = DEFAULT_TIME_ZONE): string | null {
  const date = toInstant(value);
  if (!date) return null;
  const parts = Object.fromEntries(formatIn(zone, {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }, 'sheet').formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** A moment's wall-clock time in `zone`, zoneless (`2026-12-04T09:48:00`), as a date picker shows it. */
export function wallTimeIn(value: unknown, zone: string = DEFAULT_TIME_ZONE): string | null {
  return spreadsheetDateTime(value, zone)?.replace(' ', 'T') ?? null;
}

/**
 * The moment whose wall-clock time in `zone` is the one given (a time picked
 * for the organization's zone, whatever the browser's). Two passes settle a
 * daylight-saving change; a wall time that a change skips moves forward by it.
 */
export function instantOfWallTime(wall: { year: number; month: number; day: number; hour: number; minute: number }, zone: string = DEFAULT_TIME_ZONE): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  let instant = asUtc;
  for (let pass = 0; pass < 2; pass += 1) {
    const shown = toInstant(wallTimeIn(new Date(instant), zone))!.getTime();
    instant -= shown - asUtc;
  }
  return new Date(instant);
}
