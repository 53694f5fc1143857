import React from 'react';
import type { BasePropertyProps } from 'adminjs';
import { Box, Text } from '@adminjs/design-system';

/**
 * The leads list's first column: the person's name, with their email under
 * it, so the list keeps every other column (source, campaign, created, the
 * row menu) on a laptop screen instead of scrolling sideways.
 */
export default function LeadNameCell({ record }: BasePropertyProps) {
  const name = String(record?.params.name ?? '');
  const email = String(record?.params.email ?? '');
  return (
    <Box style={{ minWidth: '9rem', maxWidth: '15rem' }}>
      <Text fontWeight="bold" style={{ whiteSpace: 'normal' }}>{name || 'No name given'}</Text>
      {email ? <Text as="div" color="grey60" fontSize="sm" title={email} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{email}</Text> : null}
    </Box>
  );
}
