import React, { useMemo } from 'react';
import { OriginalNew, type ActionProps, type RecordJSON } from 'adminjs';
import { INITIAL_VALUE } from './initial-value.js';

/**
 * AdminJS's own new-record form, started with each column's default (see
 * form-defaults.ts) instead of empty fields, so what the form shows is what
 * saving stores. A link that prefills fields (`?status=won`) still wins:
 * AdminJS applies the query after this record.
 */
export default function NewWithDefaults(props: ActionProps) {
  const { resource, record } = props;
  const initial = useMemo(() => {
    const params: Record<string, unknown> = {};
    for (const property of Object.values(resource.properties)) {
      const value = (property.custom as Record<string, unknown> | undefined)?.[INITIAL_VALUE];
      if (value !== undefined) params[property.propertyPath] = value;
    }
    return { params, populated: {}, errors: {}, id: '', title: '', recordActions: [], bulkActions: [], baseError: null } as unknown as RecordJSON;
  }, [resource.id]);
  return <OriginalNew {...props} record={record ?? initial} />;
}
