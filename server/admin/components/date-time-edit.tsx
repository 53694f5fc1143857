import React from 'react';
import { DatePicker, FormGroup, FormMessage } from '@adminjs/design-system';
import { PropertyLabel, useTranslation, type EditPropertyProps } from 'adminjs';

/** A calendar date as the person picked it: the day in their own zone, never shifted through UTC. */
function localDay(iso: string): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * AdminJS's date and date-time field (it replaces `DefaultDatetimeEditProperty`),
 * with one fix: for a date column (a date of birth) AdminJS sent the UTC date
 * of the local midnight picked, so anyone east of UTC (Berlin, Tokyo) who
 * picked the 12th stored the 11th. Date-time columns are sent as AdminJS does.
 */
export default function DateTimeEdit({ property, onChange, record }: EditPropertyProps) {
  const { tm } = useTranslation();
  const raw = record.params?.[property.path] as string | undefined;
  const isDate = property.type === 'date';
  // A stored date is shown at its own local midnight, as AdminJS does.
  const value = !raw ? '' : isDate ? `${String(raw).slice(0, 10)}T00:00:00` : raw;
  const error = record.errors?.[property.path];
  return (
    <FormGroup error={!!error}>
      <PropertyLabel property={property} />
      <DatePicker
        value={value}
        disabled={property.isDisabled}
        propertyType={property.type}
        onChange={(date: string | null) => onChange(property.path, isDate && date ? localDay(date) ?? date : date)}
        {...property.props}
      />
      <FormMessage>{error && tm(error.message, property.resourceId)}</FormMessage>
    </FormGroup>
  );
}
