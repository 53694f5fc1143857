import React from 'react';
import type { BasePropertyProps } from 'adminjs';
import { Box, Label, Link } from '@adminjs/design-system';

/** The link to a document's file; the app sends it as an attachment, so it saves rather than opens. */
export default function DocumentDownload({ record, property, where }: BasePropertyProps) {
  const href = String(record?.params[property.path] ?? '');
  const name = String(record?.params.original_name ?? 'document');
  if (!href) return null;
  const link = (
    <Link href={href} download={name} data-testid="document-download" aria-label={`Download ${name}`} onClick={(event: React.MouseEvent) => event.stopPropagation()}>
      Download
    </Link>
  );
  if (where === 'show') {
    return (
      <Box mb="xl">
        <Label>{property.label}</Label>
        {link}
      </Box>
    );
  }
  return link;
}
