import React from 'react';
import { useTranslation, type BasePropertyProps } from 'adminjs';
import { ValueGroup } from '@adminjs/design-system';
import { formatDate, formatDateTime } from '../format-date-time.js';
import { useTimeZone } from './use-time-zone.js';

/**
 * Replaces AdminJS's datetime list and show values (DefaultDatetimeListProperty,
 * DefaultDatetimeShowProperty), which format in the browser's own zone and
 * read a zoneless time as local. A timestamp shows in the organization's
 * zone, labelled; a DATE column (type `date`) is a calendar day and never shifts.
 */
export default function DateTimeValue({ property, record, where }: BasePropertyProps) {
  const { translateProperty } = useTranslation();
  const zone = useTimeZone();
  const raw: unknown = record?.params[property.path];
  const text = property.type === 'date' ? formatDate(raw) : formatDateTime(raw, zone);
  const value = <span data-testid={`datetime-${property.path}`}>{text}</span>;
  if (where !== 'show') return value;
  return <ValueGroup label={translateProperty(property.label, property.resourceId)}>{value}</ValueGroup>;
}
