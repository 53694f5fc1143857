import React from 'react';
import { Badge, Box, Text, ValueGroup } from '@adminjs/design-system';
import { useTranslation, type BasePropertyProps } from 'adminjs';
import { tagColours } from './badge-colours.js';

/** A lead's tags on its page, each on its palette colour; the words say how to add one. */
export default function TagList({ record, property }: BasePropertyProps) {
  const { translateProperty } = useTranslation();
  let tags: { id: number; name: string; colour: string }[] = [];
  try {
    tags = JSON.parse(String(record?.params[property.path] ?? '[]')) as typeof tags;
  } catch {
    tags = [];
  }
  return (
    <ValueGroup label={translateProperty(property.label, property.resourceId)}>
      <Box data-testid="lead-tags">
      {tags.length === 0 ? <Text color="grey60">No tags. Tick the lead on the list and choose Add tag.</Text> : (
        <Box flex flexWrap="wrap" style={{ gap: 8 }}>
          {tags.map((tag) => {
            const { text, background } = tagColours(tag.colour);
            return (
              <Badge key={tag.id} size="sm" color={text} bg={background} fontWeight="bold" style={{ borderColor: background }} data-tag-colour={tag.colour}>
                {tag.name}
              </Badge>
            );
          })}
        </Box>
      )}
      </Box>
    </ValueGroup>
  );
}
