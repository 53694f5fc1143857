import React from 'react';
import { useLocation } from 'react-router';
import { ActionButton, useTranslation, type ResourceJSON } from 'adminjs';
import { Box, Button, Icon, InfoBox, Text } from '@adminjs/design-system';

/** A list's filters travel in its URL as `filters.<field>=…`. */
const filtered = (search: string) => [...new URLSearchParams(search).keys()].some((key) => key.startsWith('filters.'));

/**
 * An empty list, said as staff would: "No leads match these filters." when
 * filters hide everything (with how to undo them), otherwise "No campaigns
 * yet" with the add button where the role allows adding. AdminJS says "No
 * records" and "There are no records in this resource" either way.
 */
export default function NoRecords({ resource }: { resource: ResourceJSON }) {
  const { translateButton, translateMessage } = useTranslation();
  const { search } = useLocation();
  const canCreate = resource.resourceActions.find((a) => a.name === 'new');
  if (filtered(search)) {
    return (
      <Box data-testid="no-records">
        <InfoBox title={translateMessage('noRecordsMatch', resource.id)}>
          <Text>{translateMessage('noRecordsMatchHint', resource.id)}</Text>
        </InfoBox>
      </Box>
    );
  }
  return (
    <Box data-testid="no-records">
      <InfoBox title={translateMessage('noRecords', resource.id)}>
        <Text mb={canCreate ? 'xxl' : undefined}>{translateMessage('noRecordsInResource', resource.id)}</Text>
        {canCreate && (
          <ActionButton action={canCreate} resourceId={resource.id}>
            <Button variant="contained"><Icon icon="Plus" />{translateButton('createFirstRecord', resource.id)}</Button>
          </ActionButton>
        )}
      </InfoBox>
    </Box>
  );
}
