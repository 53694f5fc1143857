import React, { useState } from 'react';
import { useTranslation, type ActionProps } from 'adminjs';
import { Box, Button, H5, Label, Text } from '@adminjs/design-system';
import { countOf } from './list/list-query.js';
import { useBulkApply } from './use-bulk-apply.js';

/** Drawer for "Change status" / "Change priority" on the selected leads. */
export default function BulkChange({ action, resource, records = [] }: ActionProps) {
  const { field, options } = action.custom as { field: string; options: { value: string; label: string }[] };
  const [value, setValue] = useState(options[0]?.value ?? '');
  const { translateAction, translateProperty } = useTranslation();
  const count = countOf(records.length, 'lead', 'leads');
  const { busy, apply: run } = useBulkApply({ action, resource, records });
  const apply = () => run({ [field]: value });

  return (
    <Box p="lg">
      <H5 data-testid="drawer-heading">{translateAction(action.label, resource.id)}</H5>
      <Text mb="lg">{count} selected.</Text>
      <Label htmlFor="bulk-change-value">New {translateProperty(field, resource.id).toLowerCase()}</Label>
      <select id="bulk-change-value" className="lh-select" value={value} onChange={(e) => setValue(e.target.value)}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      <Button variant="contained" onClick={apply} disabled={busy || records.length === 0}>Change {count}</Button>
    </Box>
  );
}
