import React, { useState } from 'react';
import { ApiClient, useNotice, useTranslation, type ActionProps } from 'adminjs';
import { Box, Button, H5, Label, Text } from '@adminjs/design-system';

const api = new ApiClient();

/** Drawer for "Change status" / "Change priority" on the selected leads. */
export default function BulkChange({ action, resource, records = [] }: ActionProps) {
  const { field, options } = action.custom as { field: string; options: { value: string; label: string }[] };
  const [value, setValue] = useState(options[0]?.value ?? '');
  const [busy, setBusy] = useState(false);
  const addNotice = useNotice();
  const { translateAction, translateProperty } = useTranslation();
  const count = records.length === 1 ? '1 lead' : `${records.length} leads`;

  const apply = async () => {
    setBusy(true);
    try {
      const res = await api.bulkAction({
        resourceId: resource.id, actionName: action.name, recordIds: records.map((r) => r.id), data: { [field]: value },
      });
      if (res.data.notice) addNotice(res.data.notice);
      if (res.data.redirectUrl) window.location.assign(res.data.redirectUrl);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box p="lg">
      <H5 data-testid="drawer-heading">{translateAction(action.label, resource.id)}</H5>
      <Text mb="lg">{count} selected.</Text>
      <Label htmlFor="bulk-change-value">New {translateProperty(field, resource.id).toLowerCase()}</Label>
      <select id="bulk-change-value" value={value} onChange={(e) => setValue(e.target.value)} style={{ display: 'block', width: '100%', padding: 8, marginBottom: 16 }}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      <Button variant="contained" onClick={apply} disabled={busy || records.length === 0}>Apply to {count}</Button>
    </Box>
  );
}
