import React from 'react';
import { flat, type BasePropertyProps } from 'adminjs';
import { Text } from '@adminjs/design-system';

/** How many values a list cell names before "and N more". */
const SHOWN = 2;

/**
 * A list cell for an array column (a site key's allowed origins): the values
 * themselves, "https://a.example, https://b.example and 2 more", where
 * AdminJS wrote "Length: 4".
 */
export default function ListOfValues({ record, property }: BasePropertyProps) {
  const values = (flat.get(record?.params ?? {}, property.propertyPath) as unknown[] | undefined ?? []).map(String);
  if (values.length === 0) return <Text color="grey60">None</Text>;
  const rest = values.length - SHOWN;
  return (
    <Text title={values.join('\n')} style={{ whiteSpace: 'normal' }}>
      {values.slice(0, SHOWN).join(', ')}{rest > 0 ? ` and ${rest} more` : ''}
    </Text>
  );
}
