import React from 'react';
import { Badge } from '@adminjs/design-system';
import { leadBadge, type LeadBadgeField } from './badge-colours.js';

/**
 * A lead's status or priority as a coloured badge, the same on the list,
 * the lead's page and the board. A value outside the set is shown as plain text.
 */
export function LeadValueBadge({ field, value }: { field: LeadBadgeField; value: unknown }) {
  const badge = leadBadge(field, value);
  if (!badge) return <>{value == null || value === '' ? '–' : String(value)}</>;
  const { text, background } = badge.colours;
  return (
    <Badge size="sm" color={text} bg={background} fontWeight="bold" style={{ borderColor: background }} data-badge={field} data-value={value}>
      {badge.label}
    </Badge>
  );
}
