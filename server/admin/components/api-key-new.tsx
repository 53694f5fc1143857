import React, { useState } from 'react';
import { BasePropertyComponent, useCurrentAdmin, useRecord, type ActionProps, type PropertyJSON } from 'adminjs';
import { Box, Button, H4, MessageBox, Text } from '@adminjs/design-system';
import { CopyField } from './copy-field.js';

/** Shown once, right after creation; the page holds the only copy of the secret, so leaving it loses the key. */
function Secret({ secret, listUrl }: { secret: string; listUrl: string }) {
  return (
    <Box variant="card" p="xl" data-testid="api-key-secret-panel">
      <H4>Your new API key</H4>
      <MessageBox mb="lg" variant="warning" message="Copy this key now: it will not be shown again." />
      <CopyField value={secret} label="API key" what="key" testId="api-key-secret" />
      <Text mt="lg">
        Send it in the <code>Authorization: Bearer …</code> header from your server. Never put it in a web page: use a site key there.
      </Text>
      <Button as="a" href={listUrl} mt="lg" variant="outlined" data-testid="api-key-done">I have copied it</Button>
    </Box>
  );
}

/**
 * "Create new" for API keys: a name (and, for superusers, the organization),
 * then the secret, shown here once. The secret comes back in the creation
 * response only; the server keeps just its hash.
 */
export default function ApiKeyNew({ resource }: ActionProps) {
  const { record, handleChange, submit, loading } = useRecord(undefined, resource.id);
  const [secret, setSecret] = useState<string | null>(null);
  const [currentAdmin] = useCurrentAdmin();
  const listUrl = window.location.pathname.replace(/\/actions\/new\/?$/, '');
  // Staff keys always belong to their own organization; only a superuser picks one.
  const fields = ['name', ...(currentAdmin?.is_superuser ? ['organization_id'] : [])].map((path) => resource.properties[path] as PropertyJSON | undefined)
    .filter((p): p is PropertyJSON => p !== undefined);

  if (secret) return <Secret secret={secret} listUrl={listUrl} />;
  return (
    <Box
      as="form" variant="card" p="xl" data-testid="api-key-form"
      onSubmit={(event: React.FormEvent) => {
        event.preventDefault();
        submit().then((response) => {
          const created = (response.data as { secret?: unknown }).secret;
          if (typeof created === 'string') setSecret(created);
        }).catch(() => undefined); // useRecord has already shown the error as a notice
      }}
    >
      <Text mb="lg">The key is made for you and shown once, after you save. Only a fingerprint of it is stored.</Text>
      {fields.map((property) => (
        <BasePropertyComponent key={property.propertyPath} where="edit" onChange={handleChange} property={property} resource={resource} record={record} />
      ))}
      <Button type="submit" variant="contained" disabled={loading} data-testid="button-save">Create key</Button>
    </Box>
  );
}
