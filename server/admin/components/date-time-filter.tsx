import React from 'react';
import { DatePicker, FormGroup, Label } from '@adminjs/design-system';
import { PropertyLabel, useTranslation, type FilterPropertyProps } from 'adminjs';
import { pickedValue, pickerValue } from './picked-time.js';
import { useTimeZone } from './use-time-zone.js';

/**
 * AdminJS's date range filter (it replaces `DefaultDatetimeFilterProperty`),
 * on the organization's clock like every time on screen: "created from Dec 4,
 * 00:00" means midnight where the agency is, not where the browser is.
 */
export default function DateTimeFilter({ property, filter, onChange }: FilterPropertyProps) {
  const { translateProperty } = useTranslation();
  const zone = useTimeZone();
  const picker = (bound: 'from' | 'to') => {
    const key = `${property.path}~~${bound}`;
    return (
      <>
        <Label mt={bound === 'to' ? 'default' : undefined}>{`${translateProperty(bound, property.resourceId)}:`}</Label>
        <DatePicker
          value={pickerValue(filter[key], property.type, zone)}
          propertyType={property.type}
          onChange={(date: string | null) => onChange(key, pickedValue(date, property.type, zone) ?? '')}
        />
      </>
    );
  };
  return (
    <FormGroup variant="filter">
      <PropertyLabel property={property} filter />
      {picker('from')}
      {picker('to')}
    </FormGroup>
  );
}
