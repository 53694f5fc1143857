import React, { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { ApiClient, useNotice, type ActionJSON, type ResourceJSON } from 'adminjs';
import { Box, Button, Label, Loader, MessageBox, Text } from '@adminjs/design-system';
import { countOf, filterParams } from './list-query.js';

const api = new ApiClient();

interface Props {
  resource: ResourceJSON;
  /** The bulk action chosen (Change status…): its label and its choices. */
  action: ActionJSON;
  /** The action's name in words. */
  label: string;
  matchingActionName: string;
  nouns: { one: string; many: string };
  onCancel(): void;
  onDone(): void;
}

type Answer = { matching?: number; limit?: number; changed?: number; notice?: { message: string; type: 'success' | 'error' } };

/**
 * A change to every record matching the list's filter: the server counts
 * them first, staff confirm that count, and the server applies the change
 * only if the filter still matches exactly that many (else it says so and
 * nothing changes).
 */
export function MatchingChange({ resource, action, label, matchingActionName, nouns, onCancel, onDone }: Props) {
  const location = useLocation();
  const addNotice = useNotice();
  const { field, options } = action.custom as { field: string; options: { value: string; label: string }[] };
  const [value, setValue] = useState(options[0]?.value ?? '');
  const [count, setCount] = useState<{ matching: number; limit: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const params = filterParams(new URLSearchParams(location.search));

  const recount = async () => {
    const res = await api.resourceAction({ resourceId: resource.id, actionName: matchingActionName, params });
    const data = res.data as Answer;
    setCount({ matching: data.matching ?? 0, limit: data.limit ?? 0 });
  };
  useEffect(() => { recount().catch(() => addNotice({ message: 'The leads could not be counted. Try again.', type: 'error' })); }, [location.search]);

  const apply = async () => {
    if (!count) return;
    setBusy(true);
    try {
      const res = await api.resourceAction({
        resourceId: resource.id, actionName: matchingActionName, params, data: { [field]: value, expected: String(count.matching) },
      });
      const data = res.data as Answer;
      if (data.notice) addNotice(data.notice);
      if (data.notice?.type === 'success') onDone(); else await recount();
    } finally {
      setBusy(false);
    }
  };

  const tooMany = count !== null && count.matching > count.limit;
  return (
    <Box mt="lg" pt="lg" style={{ borderTop: '1px solid #dde1e7' }} data-testid="matching-change">
      <Text fontWeight="bold" mb="default">{label} of every {nouns.one} matching this filter</Text>
      {count === null ? <Loader /> : (
        <>
          <Text mb="lg" data-testid="matching-count">This filter matches {countOf(count.matching, nouns.one, nouns.many)} right now.</Text>
          {tooMany ? (
            <MessageBox variant="danger" mb="lg" message={`At most ${countOf(count.limit, nouns.one, nouns.many)} can be changed at once. Narrow the filter first.`} />
          ) : null}
          <Label htmlFor="matching-change-value">New {field}</Label>
          <select id="matching-change-value" className="lh-select" value={value} onChange={(e) => setValue(e.target.value)}>
            {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
          <Box flex flexDirection="row" style={{ gap: 8 }}>
            <Button type="button" variant="contained" onClick={apply} disabled={busy || tooMany || count.matching === 0} data-testid="matching-apply">
              Change {countOf(count.matching, nouns.one, nouns.many)}
            </Button>
            <Button type="button" variant="text" onClick={onCancel}>Cancel</Button>
          </Box>
        </>
      )}
    </Box>
  );
}
