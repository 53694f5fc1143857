import React from 'react';
import { DatePicker, FormGroup, FormMessage, Text } from '@adminjs/design-system';
import { PropertyLabel, useTranslation, type EditPropertyProps } from 'adminjs';
import { TIME_ZONE_OPTIONS } from '../../../models/time-zones.js';
import { instantOfWallTime, wallTimeIn } from '../format-date-time.js';
import { useTimeZone } from './use-time-zone.js';

/** A calendar date as the person picked it: the day in their own zone, never shifted through UTC. */
function localDay(iso: string): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The moment meant by a time picked on the picker's clock, read on the organization's clock instead of the browser's. */
function inZone(iso: string, zone: string): string | null {
  const picked = new Date(iso);
  if (Number.isNaN(picked.getTime())) return null;
  return instantOfWallTime({
    year: picked.getFullYear(), month: picked.getMonth() + 1, day: picked.getDate(), hour: picked.getHours(), minute: picked.getMinutes(),
  }, zone).toISOString();
}

/**
 * AdminJS's date and date-time field (it replaces `DefaultDatetimeEditProperty`).
 * A date column (a date of birth) is the day picked: AdminJS sent the UTC
 * date of the local midnight picked, so anyone east of UTC (Berlin, Tokyo)
 * who picked the 12th stored the 11th. A date-time (a follow-up) is shown and
 * picked on the organization's clock, as every time on screen is shown, and
 * the field says which clock; AdminJS used the browser's.
 */
export default function DateTimeEdit({ property, onChange, record }: EditPropertyProps) {
  const { tm } = useTranslation();
  const zone = useTimeZone();
  const raw = record.params?.[property.path] as string | undefined;
  const isDate = property.type === 'date';
  // The picker shows a zoneless value on its own clock: the stored day at midnight, or the moment's wall time in the zone.
  const value = !raw ? '' : isDate ? `${String(raw).slice(0, 10)}T00:00:00` : wallTimeIn(raw, zone) ?? raw;
  const error = record.errors?.[property.path];
  const zoneName = TIME_ZONE_OPTIONS.find((option) => option.value === zone)?.label ?? zone;
  return (
    <FormGroup error={!!error}>
      <PropertyLabel property={property} />
      <DatePicker
        value={value}
        disabled={property.isDisabled}
        propertyType={property.type}
        onChange={(date: string | null) => onChange(property.path, !date ? date : isDate ? localDay(date) ?? date : inZone(date, zone) ?? date)}
        {...property.props}
      />
      {isDate ? null : <Text variant="sm" color="grey80" mt="sm" data-testid={`zone-of-${property.path}`}>{`In ${zoneName}`}</Text>}
      <FormMessage>{error && tm(error.message, property.resourceId)}</FormMessage>
    </FormGroup>
  );
}
