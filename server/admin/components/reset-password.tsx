import React, { useState } from 'react';
import { ApiClient, useNotice, type ActionProps } from 'adminjs';
import { Box, Button, H4, MessageBox, Text } from '@adminjs/design-system';
import { CopyField } from './copy-field.js';

const api = new ApiClient();

/**
 * "Reset password" on a user's page: nothing happens until the admin
 * confirms (the page itself may have been opened from anywhere); then the
 * user's sessions end and a single-use link is shown to hand over.
 */
export default function ResetPassword({ action, resource, record }: ActionProps) {
  const [link, setLink] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const addNotice = useNotice();
  const name = String(record?.title ?? 'this user');
  const { minutes } = (action.custom ?? {}) as { minutes?: number };

  const confirm = async () => {
    if (!record) return;
    setBusy(true);
    try {
      const res = await api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name, data: { confirm: 'yes' } });
      const data = res.data as { resetUrl?: string; notice?: { message: string; type: 'success' | 'error' } };
      if (data.notice) addNotice(data.notice);
      if (data.resetUrl) setLink(new URL(data.resetUrl, window.location.origin).toString());
    } finally {
      setBusy(false);
    }
  };

  if (link) {
    return (
      <Box variant="card" p="xl" data-testid="reset-link-panel">
        <H4>Password link for {name}</H4>
        <MessageBox mb="lg" variant="info" message={`Give this link to ${name} in person or by a channel you trust. It works once, for ${minutes ?? 60} minutes.`} />
        <CopyField value={link} label="Password link" what="link" testId="reset-link" />
      </Box>
    );
  }
  return (
    <Box variant="card" p="xl" data-testid="reset-confirm">
      <H4>Reset the password of {name}?</H4>
      <Text mb="lg">
        {name} is signed out everywhere at once, and any earlier link stops working. You get a new link to give them, so they can choose a password.
      </Text>
      <Button type="button" variant="contained" disabled={busy} onClick={confirm} data-testid="reset-confirm-button">Reset password and get a link</Button>
    </Box>
  );
}
