import React from 'react';
import { DatePicker, FormGroup, FormMessage, Text } from '@adminjs/design-system';
import { PropertyLabel, useTranslation, type EditPropertyProps } from 'adminjs';
import { TIME_ZONE_OPTIONS } from '../../../models/time-zones.js';
import { pickedValue, pickerValue } from './picked-time.js';
import { useTimeZone } from './use-time-zone.js';

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
  const value = pickerValue(raw, property.type, zone);
  const error = record.errors?.[property.path];
  const zoneName = TIME_ZONE_OPTIONS.find((option) => option.value === zone)?.label ?? zone;
  return (
    <FormGroup error={!!error}>
      <PropertyLabel property={property} />
      <DatePicker
        value={value}
        disabled={property.isDisabled}
        propertyType={property.type}
        onChange={(date: string | null) => onChange(property.path, pickedValue(date, property.type, zone))}
        {...property.props}
      />
      {isDate ? null : <Text variant="sm" color="grey80" mt="sm" data-testid={`zone-of-${property.path}`}>{`In ${zoneName}`}</Text>}
      <FormMessage>{error && tm(error.message, property.resourceId)}</FormMessage>
    </FormGroup>
  );
}
