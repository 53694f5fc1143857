import { formatDate, formatDateTime, instantOfWallTime, spreadsheetDateTime, toInstant, wallTimeIn } from '../../server/admin/format-date-time.js';

describe('one way of writing dates and times', () => {
  it('writes a moment in the zone, labelled with it, whatever zone the process runs in', () => {
    const at = new Date('2026-12-04T14:48:00Z');
    expect(formatDateTime(at, 'America/New_York')).toBe('Dec 4, 2026, 9:48 AM EST');
    expect(formatDateTime(at, 'America/Los_Angeles')).toBe('Dec 4, 2026, 6:48 AM PST');
    expect(formatDateTime(new Date('2026-07-04T14:48:00Z'), 'America/Chicago')).toBe('Jul 4, 2026, 9:48 AM CDT');
  });

  it('reads a time written without a zone as UTC, as the database stores it', () => {
    expect(toInstant('2026-12-04 14:48:00')?.toISOString()).toBe('2026-12-04T14:48:00.000Z');
    expect(toInstant('2026-12-04T14:48:00.123')?.toISOString()).toBe('2026-12-04T14:48:00.123Z');
  });

  it('reads epoch milliseconds and seconds alike, and leaves text that is no time as it is', () => {
    expect(toInstant(1796395680000)?.toISOString()).toBe('2026-12-04T14:48:00.000Z');
    expect(toInstant('1796395680')?.toISOString()).toBe('2026-12-04T14:48:00.000Z');
    expect(formatDateTime('soon', 'UTC')).toBe('soon');
    expect(formatDateTime(null, 'UTC')).toBe('');
  });

  it('never moves a calendar date (a date of birth) by a zone', () => {
    expect(formatDate('1980-05-17')).toBe('May 17, 1980');
    expect(formatDate(new Date('1980-05-17T00:00:00Z'))).toBe('May 17, 1980');
  });

  it('falls back to New York time for a zone it does not know, rather than failing the page', () => {
    expect(formatDateTime(new Date('2026-12-04T14:48:00Z'), 'Mars/Olympus')).toBe('Dec 4, 2026, 9:48 AM EST');
  });

  it('writes a spreadsheet time in the zone, in a form spreadsheets read as a date-time', () => {
    expect(spreadsheetDateTime(new Date('2026-07-04T03:30:00Z'), 'America/Chicago')).toBe('2026-07-03 22:30:00');
    expect(spreadsheetDateTime(null, 'America/Chicago')).toBeNull();
  });

  it('reads a time picked for the organization\'s clock as that moment, either side of a daylight-saving change', () => {
    const wall = (year: number, month: number, day: number, hour: number, minute = 0) => ({ year, month, day, hour, minute });
    expect(instantOfWallTime(wall(2026, 12, 4, 9), 'America/New_York').toISOString()).toBe('2026-12-04T14:00:00.000Z');
    expect(instantOfWallTime(wall(2026, 7, 4, 9), 'America/New_York').toISOString()).toBe('2026-07-04T13:00:00.000Z');
    expect(instantOfWallTime(wall(2026, 3, 8, 1, 30), 'America/Chicago').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(instantOfWallTime(wall(2026, 3, 8, 3, 30), 'America/Chicago').toISOString()).toBe('2026-03-08T08:30:00.000Z');
    expect(instantOfWallTime(wall(2026, 12, 4, 9), 'Asia/Tokyo').toISOString()).toBe('2026-12-04T00:00:00.000Z');
    expect(instantOfWallTime(wall(2026, 12, 4, 9), 'UTC').toISOString()).toBe('2026-12-04T09:00:00.000Z');
  });

  it('shows a moment\'s wall time in the zone, zoneless, for the picker', () => {
    expect(wallTimeIn('2026-12-04T14:00:00.000Z', 'America/New_York')).toBe('2026-12-04T09:00:00');
    expect(wallTimeIn(instantOfWallTime({ year: 2026, month: 11, day: 1, hour: 1, minute: 15 }, 'America/New_York'), 'America/New_York')).toBe('2026-11-01T01:15:00');
    expect(wallTimeIn('never', 'UTC')).toBeNull();
  });
});
