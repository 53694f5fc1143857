import React from 'react';
import { Link } from '@adminjs/design-system';
import { formatPhone, telHref } from './phone-format.js';

/** A phone formatted for reading, dialled from its E.164 value. */
export function PhoneLink({ phone }: { phone: unknown }) {
  if (typeof phone !== 'string' || phone === '') return <>–</>;
  const href = telHref(phone);
  const text = formatPhone(phone);
  return href ? <Link href={href} style={{ whiteSpace: 'nowrap' }}>{text}</Link> : <>{text}</>;
}
