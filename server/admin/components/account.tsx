import React, { useEffect, useState } from 'react';
import { ApiClient, useNotice } from 'adminjs';
import { Box, Button, FormGroup, H2, H4, Input, Label, Loader, Text } from '@adminjs/design-system';
import type { AccountResponse } from '../accounts/account-page.js';

const api = new ApiClient();
type Profile = NonNullable<AccountResponse['profile']>;

function Field({ id, label, error, ...input }: { id: string; label: string; error?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FormGroup error={Boolean(error)}>
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} name={id} width="100%" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} {...(input as object)} />
      {error && <Text id={`${id}-error`} color="error" mt="sm">{error}</Text>}
    </FormGroup>
  );
}

/** "My account": one's own name, phone and password (the current one is asked for). */
export default function Account() {
  const [profile, setProfile] = useState<Profile | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const addNotice = useNotice();

  useEffect(() => { api.getPage<AccountResponse>({ pageName: 'account' }).then((res) => setProfile(res.data.profile ?? null)); }, []);

  const send = async (event: React.FormEvent<HTMLFormElement>, intent: 'profile' | 'password') => {
    event.preventDefault();
    const form = event.currentTarget;
    const data: Record<string, string> = { intent };
    for (const input of Array.from(form.querySelectorAll('input'))) data[input.name] = input.value;
    setBusy(true);
    try {
      const res = await api.getPage<AccountResponse>({ pageName: 'account', method: 'post', data });
      setErrors(res.data.errors ?? {});
      if (res.data.profile) setProfile(res.data.profile);
      if (res.data.notice) addNotice(res.data.notice);
      if (res.data.redirectUrl) window.location.assign(res.data.redirectUrl);
      else if (intent === 'password' && !res.data.errors) form.reset();
    } finally {
      setBusy(false);
    }
  };

  if (!profile) return <Box p="xl"><Loader /></Box>;
  return (
    <Box p="lg" data-testid="account" style={{ maxWidth: 640 }}>
      <H2 mb="lg">My account</H2>
      <Box variant="card" p="xl" mb="xl">
        <Text mb="lg">Signed in as <strong>{profile.email}</strong> · {profile.role}</Text>
        <form onSubmit={(e) => send(e, 'profile')}>
          <Field id="first_name" label="First name" defaultValue={profile.first_name} error={errors.first_name} required maxLength={100} />
          <Field id="last_name" label="Last name" defaultValue={profile.last_name} error={errors.last_name} required maxLength={100} />
          <Field id="phone" label="Phone" defaultValue={profile.phone ?? ''} error={errors.phone} maxLength={50} />
          <Button type="submit" variant="contained" disabled={busy}>Save details</Button>
        </form>
      </Box>
      <Box variant="card" p="xl">
        <H4 mb="lg">Change password</H4>
        <form onSubmit={(e) => send(e, 'password')}>
          <Field id="current" label="Current password" type="password" autoComplete="current-password" error={errors.current} required />
          <Field id="password" label="New password (at least 12 characters)" type="password" autoComplete="new-password" error={errors.password} required minLength={12} />
          <Field id="confirmation" label="New password again" type="password" autoComplete="new-password" required />
          <Button type="submit" variant="contained" disabled={busy}>Change password</Button>
        </form>
      </Box>
    </Box>
  );
}
