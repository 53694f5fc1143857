import React from 'react';
import { useTranslation, type ActionProps } from 'adminjs';
import { Box, Button, H5, Text } from '@adminjs/design-system';

/** Only the list's own parameters travel to the export: filters and sort, not the page. */
function exportQuery(search: string): string {
  const params = new URLSearchParams(search);
  const kept = new URLSearchParams();
  params.forEach((value, key) => {
    if (key.startsWith('filters.') || key === 'sortBy' || key === 'direction') kept.append(key, value);
  });
  const query = kept.toString();
  return query ? `?${query}` : '';
}

/** Drawer with a download link for the leads list as currently filtered, streamed by /admin/export/leads.csv. */
export default function ExportCsv({ action, resource }: ActionProps) {
  const { translateAction } = useTranslation();
  const root = window.location.pathname.replace(/\/resources\/.*$/, '');
  const href = `${root}/export/leads.csv${exportQuery(window.location.search)}`;
  const filtered = href.includes('?');
  return (
    <Box p="lg">
      <H5 data-testid="drawer-heading">{translateAction(action.label, resource.id)}</H5>
      <Text mb="lg">
        {filtered ? 'Every lead that matches the current filters, newest first.' : 'Every lead you can see, newest first.'}
        {' '}The file opens in Excel, Numbers or Google Sheets.
      </Text>
      <Button as="a" href={href} variant="contained" download data-testid="export-csv-download">Download CSV</Button>
    </Box>
  );
}
