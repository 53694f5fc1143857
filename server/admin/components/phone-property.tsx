import React from 'react';
import { ValueGroup } from '@adminjs/design-system';
import { useTranslation, type BasePropertyProps } from 'adminjs';
import { PhoneLink } from './phone-link.js';

/** A phone in the list and on a record's page: formatted for reading, a tap away from dialling. The stored value stays E.164. */
export default function PhoneProperty({ property, record, where }: BasePropertyProps) {
  const { translateProperty } = useTranslation();
  const link = <PhoneLink phone={record?.params[property.path]} />;
  if (where !== 'show') return link;
  return <ValueGroup label={translateProperty(property.label, property.resourceId)}>{link}</ValueGroup>;
}
