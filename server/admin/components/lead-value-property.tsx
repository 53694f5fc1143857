import React from 'react';
import { ValueGroup } from '@adminjs/design-system';
import { useTranslation, type BasePropertyProps } from 'adminjs';
import { LEAD_BADGE_FIELDS, type LeadBadgeField } from './badge-colours.js';
import { LeadValueBadge } from './value-badge.js';

/** The lead's status or priority (whichever property this is set on) as its badge, in the list and on the lead's page. */
export default function LeadValueProperty({ property, record, where }: BasePropertyProps) {
  const { translateProperty } = useTranslation();
  const field = property.path as LeadBadgeField;
  const badge = field in LEAD_BADGE_FIELDS ? <LeadValueBadge field={field} value={record?.params[property.path]} /> : null;
  if (where !== 'show') return badge;
  return <ValueGroup label={translateProperty(property.label, property.resourceId)}>{badge}</ValueGroup>;
}
