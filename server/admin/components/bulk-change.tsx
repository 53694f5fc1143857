import React, { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ApiClient, useNotice, useTranslation, type ActionProps } from 'adminjs';
import { Box, Button, H5, Label, Text } from '@adminjs/design-system';
import { countOf, withParams } from './list/list-query.js';

const api = new ApiClient();

/** Drawer for "Change status" / "Change priority" on the selected leads. */
export default function BulkChange({ action, resource, records = [] }: ActionProps) {
  const { field, options } = action.custom as { field: string; options: { value: string; label: string }[] };
  const [value, setValue] = useState(options[0]?.value ?? '');
  const [busy, setBusy] = useState(false);
  const addNotice = useNotice();
  const location = useLocation();
  const navigate = useNavigate();
  const { translateAction, translateProperty } = useTranslation();
  const count = countOf(records.length, 'lead', 'leads');

  const apply = async () => {
    setBusy(true);
    try {
      const res = await api.bulkAction({
        resourceId: resource.id, actionName: action.name, recordIds: records.map((r) => r.id), data: { [field]: value },
      });
      if (res.data.notice) addNotice(res.data.notice);
      // Back to the list as it was filtered, sorted and paged, reloaded.
      if (res.data.redirectUrl) {
        const list = new URL(res.data.redirectUrl, window.location.origin).pathname;
        navigate({ pathname: list, search: withParams(new URLSearchParams(location.search), { recordIds: null, refresh: 'true', page: new URLSearchParams(location.search).get('page') }).toString() });
      }
    } finally {
      setBusy(false);
    }
  };

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
