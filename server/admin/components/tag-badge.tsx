import React from 'react';
import { Badge } from '@adminjs/design-system';
import type { BasePropertyProps } from 'adminjs';
import { tagColours } from './badge-colours.js';

/** A tag's colour (on the tags list and page) shown as the tag itself, its name on its palette pair. */
export default function TagBadge({ record, property }: BasePropertyProps) {
  const colour = record?.params[property.path];
  const { text, background } = tagColours(colour);
  return (
    <Badge size="sm" color={text} bg={background} fontWeight="bold" style={{ borderColor: background }} data-tag-colour={String(colour ?? '')}>
      {String(record?.params.name ?? colour ?? '')}
    </Badge>
  );
}
