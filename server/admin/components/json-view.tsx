import React from 'react';
import { flat, useTranslation, type ShowPropertyProps } from 'adminjs';
import { Box, Label, Text } from '@adminjs/design-system';

/**
 * A JSON column (a submission's payload, attribution or score breakdown) as
 * indented JSON. AdminJS hands records over flattened (`payload.email`), so
 * the value is rebuilt from those keys first.
 */
export default function JsonView({ record, property }: ShowPropertyProps) {
  const { translateProperty } = useTranslation();
  const value: unknown = flat.get(record?.params ?? {}, property.path);
  const empty = value === undefined || value === null || (typeof value === 'object' && Object.keys(value as object).length === 0);
  return (
    <Box mb="xl">
      <Label>{translateProperty(property.label, property.resourceId)}</Label>
      {empty
        ? <Text color="grey60">Nothing recorded.</Text>
        : (
          <pre data-testid={`json-${property.path}`} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontSize: 13, margin: 0 }}>
            {JSON.stringify(value, null, 2)}
          </pre>
        )}
    </Box>
  );
}
