import React, { useEffect, useRef, useState } from 'react';
import { useTranslation, type ResourceJSON } from 'adminjs';
import { Box, Button, Input, Label, Text } from '@adminjs/design-system';
import { PAGE_SIZES, SEARCH_PARAM } from './list-query.js';

/** How long typing pauses before the list searches: fast enough to feel live, slow enough not to query every key. */
const SEARCH_PAUSE_MS = 350;

interface Props {
  resource: ResourceJSON;
  search: URLSearchParams;
  perPage: number;
  onSearch(query: string): void;
  onPageSize(size: number): void;
}

/** The search box (for lists that have free-text search) and the page-size choice, above the table. */
export function ListToolbar({ resource, search, perPage, onSearch, onPageSize }: Props) {
  const searchable = resource.filterProperties.some((p) => p.propertyPath === 'search');
  const inUrl = search.get(SEARCH_PARAM) ?? '';
  const [query, setQuery] = useState(inUrl);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => { setQuery(inUrl); }, [inUrl]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const type = (value: string) => {
    setQuery(value);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => { if (value.trim() !== inUrl.trim()) onSearch(value.trim()); }, SEARCH_PAUSE_MS);
  };
  const searchLabel = useTranslation().translateProperty('search', resource.id);

  return (
    <Box flex flexDirection="row" flexWrap="wrap" alignItems="flex-end" justifyContent="space-between" mb="lg" style={{ gap: 12 }}>
      {searchable ? (
        <Box as="form" role="search" style={{ flex: '1 1 16rem', maxWidth: '28rem' }}
          onSubmit={(e: React.FormEvent) => { e.preventDefault(); window.clearTimeout(timer.current); onSearch(query.trim()); }}>
          <Label htmlFor="lh-list-search">Search</Label>
          <Input id="lh-list-search" type="search" width={1} value={query} placeholder={searchLabel}
            onChange={(e: React.ChangeEvent<HTMLInputElement>) => type(e.target.value)} autoComplete="off" />
        </Box>
      ) : <span />}
      <Box flex flexDirection="row" alignItems="center" style={{ gap: 6 }} role="group" aria-label="Rows per page">
        <Text as="span" mr="sm" color="grey60">Rows per page</Text>
        {PAGE_SIZES.map((size) => (
          <Button key={size} type="button" size="sm" variant={size === perPage ? 'contained' : 'outlined'} aria-pressed={size === perPage}
            onClick={() => onPageSize(size)}>{size}</Button>
        ))}
      </Box>
    </Box>
  );
}
