import React, { useEffect, useState } from 'react';
import { ApiClient, useTranslation, type ActionProps } from 'adminjs';
import { Box, Button, H5, Label, Text } from '@adminjs/design-system';
import { countOf } from './list/list-query.js';
import { useBulkApply } from './use-bulk-apply.js';

const api = new ApiClient();

interface TagOption { id: string; name: string }

/**
 * Drawer for "Add tag" / "Remove tag" on the selected leads, shaped like
 * BulkChange. The tags offered are the organization's own, read through the
 * tags list (so through its scope): another organization's never appear.
 */
export default function BulkTag({ action, resource, records = [] }: ActionProps) {
  const { change } = action.custom as { change: 'add' | 'remove' };
  const [tags, setTags] = useState<TagOption[] | null>(null);
  const [value, setValue] = useState('');
  const { busy, apply: run } = useBulkApply({ action, resource, records });
  const { translateAction } = useTranslation();
  const count = countOf(records.length, 'lead', 'leads');

  useEffect(() => {
    let live = true;
    api.resourceAction({ resourceId: 'tags', actionName: 'list', params: { perPage: 100, sortBy: 'name', direction: 'asc' } })
      .then((res) => {
        if (!live) return;
        const options = ((res.data.records ?? []) as { id: string; params: { name?: string } }[]).map((r) => ({ id: String(r.id), name: String(r.params.name ?? '') }));
        setTags(options);
        setValue(options[0]?.id ?? '');
      })
      .catch(() => live && setTags([]));
    return () => { live = false; };
  }, []);

  const apply = () => run({ tag_id: value });

  return (
    <Box p="lg">
      <H5 data-testid="drawer-heading">{translateAction(action.label, resource.id)}</H5>
      <Text mb="lg">{count} selected.</Text>
      {tags !== null && tags.length === 0 ? (
        <Text>Your organization has no tags yet. A manager or an organization admin can add them under Tags.</Text>
      ) : (
        <>
          <Label htmlFor="bulk-tag-value">Tag</Label>
          <select id="bulk-tag-value" className="lh-select" value={value} onChange={(e) => setValue(e.target.value)} disabled={tags === null}>
            {(tags ?? []).map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
          <Button variant="contained" onClick={apply} disabled={busy || !value || records.length === 0}>
            {change === 'add' ? `Tag ${count}` : `Untag ${count}`}
          </Button>
        </>
      )}
    </Box>
  );
}
