import React, { useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import {
  ApiClient, NoRecords, RecordInList, RecordsTableHeader, useFilterDrawer, useNotice, type ActionProps, type ListActionResponse, type RecordJSON,
} from 'adminjs';
import { Box, Loader, Pagination, Table, TableBody, Text } from '@adminjs/design-system';
import { ListToolbar } from './list-toolbar.js';
import { SelectionBar } from './selection-bar.js';
import { PAGE_SIZE_STORAGE_KEY, filterKey, pageSize, withParams } from './list-query.js';

const api = new ApiClient();

type Page = Pick<ListActionResponse, 'records'> & { total: number; page: number; perPage: number; sortBy?: string; direction?: 'asc' | 'desc' };

function remembered(): string | null {
  try { return window.localStorage.getItem(PAGE_SIZE_STORAGE_KEY); } catch { return null; }
}

/**
 * Every resource's list (it replaces AdminJS's `DefaultListAction`): the
 * search box and the page size above the table, a selection bar that stays
 * in view while staff scroll (AdminJS's sat inside the table, clipped by its
 * scroll box), ticks that survive changing page, and "select all N matching"
 * for the changes that support it. The table's header and rows are
 * AdminJS's, so property components (badges, dates, references) still apply;
 * the table around them is ours, so the header's box is ticked only when the
 * whole page is (AdminJS ticked it for any one row) and no bulk caption is
 * drawn inside the table, where its scroll box clipped it.
 */
export default function ListScreen({ resource, setTag }: ActionProps) {
  const location = useLocation();
  const navigate = useNavigate();
  const addNotice = useNotice();
  const drawer = useFilterDrawer();
  const search = useMemo(() => new URLSearchParams(location.search), [location.search]);
  const perPage = pageSize(search, remembered());
  const [page, setPage] = useState<Page | null>(null);
  const [loading, setLoading] = useState(true);
  const [selected, setSelected] = useState<Map<string, RecordJSON>>(new Map());
  const [allMatching, setAllMatching] = useState(false);
  const [reloads, setReloads] = useState(0);
  const filter = filterKey(search);
  const previousFilter = useRef(filter);

  // A new filter is a new set of leads: the ticks of the old one no longer mean anything,
  // and the filter drawer has done its job (Apply closes it, as a person expects).
  useEffect(() => {
    if (previousFilter.current === filter) return;
    previousFilter.current = filter;
    setSelected(new Map());
    setAllMatching(false);
    if (drawer.isVisible) drawer.close();
  }, [filter]);

  useEffect(() => {
    if (search.has('refresh')) { // an action finished: start afresh, without the marker in the URL
      setSelected(new Map());
      setAllMatching(false);
      navigate({ pathname: location.pathname, search: withParams(search, { refresh: null, page: search.get('page') }).toString() }, { replace: true });
      return;
    }
    let current = true;
    setLoading(true);
    const params = new URLSearchParams(search);
    params.set('perPage', String(perPage));
    api.resourceAction({ resourceId: resource.id, actionName: 'list', params }).then((response) => {
      if (!current) return;
      const data = response.data as ListActionResponse;
      if (data.notice) addNotice(data.notice);
      setPage({ records: data.records ?? [], ...data.meta } as Page);
      setTag?.(String(data.meta?.total ?? 0));
      setLoading(false);
    }).catch(() => {
      if (current) { setLoading(false); addNotice({ message: 'The list could not be loaded. Check your connection and reload the page.', type: 'error' }); }
    });
    return () => { current = false; };
  }, [resource.id, location.search, perPage, reloads]);

  const records = page?.records ?? [];
  const toggle = (record: RecordJSON) => {
    setAllMatching(false);
    setSelected((before) => {
      const next = new Map(before);
      if (next.has(record.id)) next.delete(record.id); else next.set(record.id, record);
      return next;
    });
  };
  const toggleAllOnPage = () => {
    setAllMatching(false);
    setSelected((before) => {
      const next = new Map(before);
      const everyOne = records.every((r) => next.has(r.id));
      for (const record of records) if (everyOne) next.delete(record.id); else next.set(record.id, record);
      return next;
    });
  };
  const clear = () => { setSelected(new Map()); setAllMatching(false); };
  const go = (changes: Record<string, string | null>) => navigate({ pathname: location.pathname, search: withParams(search, changes).toString() });
  const choosePageSize = (size: number) => {
    try { window.localStorage.setItem(PAGE_SIZE_STORAGE_KEY, String(size)); } catch { /* private mode: this page only */ }
    go({ perPage: String(size) });
  };

  return (
    <Box variant="container" data-css={`${resource.id}-list-table-wrapper`}>
      <ListToolbar resource={resource} search={search} perPage={perPage} onSearch={(q) => go({ 'filters.search': q })} onPageSize={choosePageSize} />
      <SelectionBar
        resource={resource} selected={[...selected.values()]} pageRecords={records} total={page?.total ?? 0}
        allMatching={allMatching} onSelectAllMatching={() => setAllMatching(true)} onClear={clear}
        onChanged={() => { clear(); setReloads((n) => n + 1); }}
      />
      {records.length === 0 ? (loading ? <Loader /> : <NoRecords resource={resource} />) : (
        <div className="lh-table-scroll">
          <Table>
            <RecordsTableHeader
              properties={resource.listProperties} titleProperty={resource.titleProperty} sortBy={page?.sortBy} direction={page?.direction}
              onSelectAll={records.some((r) => r.bulkActions.length) ? toggleAllOnPage : undefined}
              selectedAll={allMatching || records.every((r) => selected.has(r.id))}
            />
            <TableBody>
              {records.map((record) => (
                <RecordInList
                  key={record.id} record={record} resource={resource} isLoading={loading} onSelect={toggle}
                  isSelected={allMatching || selected.has(record.id)} actionPerformed={() => setReloads((n) => n + 1)}
                />
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {page && page.total > 0 ? (
        <Text mt="xl" textAlign="center">
          <Pagination page={page.page} perPage={page.perPage} total={page.total} onChange={(n: number) => go({ page: String(n) })} />
        </Text>
      ) : null}
    </Box>
  );
}
