import React from 'react';
import type { BasePropertyProps } from 'adminjs';
import { Box, Label, Text } from '@adminjs/design-system';
import { readableSize } from './document-size.js';

/** A document's size in KB or MB, in the list and on its page. */
export default function DocumentSizeValue({ record, property, where }: BasePropertyProps) {
  const text = readableSize(Number(record?.params[property.path]));
  if (where === 'show') {
    return (
      <Box mb="xl">
        <Label>{property.label}</Label>
        <Text>{text}</Text>
      </Box>
    );
  }
  return <Text>{text}</Text>;
}
