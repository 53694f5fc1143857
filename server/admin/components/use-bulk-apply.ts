import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ApiClient, useNotice, type ActionProps } from 'adminjs';
import { withParams } from './list/list-query.js';

const api = new ApiClient();

/**
 * Runs a bulk drawer's action on the selected records (BulkChange, BulkTag):
 * the notice is shown, and the list comes back as it was filtered, sorted
 * and paged, reloaded, with the selection cleared.
 */
export function useBulkApply({ action, resource, records = [] }: Pick<ActionProps, 'action' | 'resource' | 'records'>) {
  const [busy, setBusy] = useState(false);
  const addNotice = useNotice();
  const location = useLocation();
  const navigate = useNavigate();

  const apply = async (data: Record<string, string>) => {
    setBusy(true);
    try {
      const res = await api.bulkAction({ resourceId: resource.id, actionName: action.name, recordIds: records.map((r) => r.id), data });
      if (res.data.notice) addNotice(res.data.notice);
      if (res.data.redirectUrl) {
        const list = new URL(res.data.redirectUrl, window.location.origin).pathname;
        const query = new URLSearchParams(location.search);
        navigate({ pathname: list, search: withParams(query, { recordIds: null, refresh: 'true', page: query.get('page') }).toString() });
      }
    } finally {
      setBusy(false);
    }
  };
  return { busy, apply };
}
