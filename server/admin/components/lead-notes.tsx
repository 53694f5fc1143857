import React, { useCallback, useEffect, useState } from 'react';
import { ApiClient, type RecordJSON } from 'adminjs';
import { Box, Button, CheckBox, FormGroup, FormMessage, Label, Link, TextArea } from '@adminjs/design-system';
import { formatDateTime } from '../format-date-time.js';
import { useTimeZone } from './use-time-zone.js';

const api = new ApiClient();

/**
 * Notes on the lead page: the pinned ones above the timeline (every other
 * note is in the timeline, in its place), and a box to write one. Both go
 * through the notes' own actions (list, new, edit), so who may write, pin or
 * unpin is the notes' rule: an Unpin button shows only where the edit is allowed.
 */
export function LeadNotes({ leadId, onWritten }: { leadId: string; onWritten: () => void }) {
  const zone = useTimeZone();
  const [pinned, setPinned] = useState<RecordJSON[]>([]);
  const [body, setBody] = useState('');
  const [pin, setPin] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const root = window.location.pathname.replace(/\/resources\/.*$/, '');

  const loadPinned = useCallback(async () => {
    const response = await api.resourceAction({
      resourceId: 'notes', actionName: 'list', params: { 'filters.lead_id': leadId, 'filters.is_pinned': 'true', perPage: '20', sortBy: 'created_at', direction: 'desc' },
    });
    setPinned((response.data as { records?: RecordJSON[] }).records ?? []);
  }, [leadId]);
  useEffect(() => { void loadPinned(); }, [loadPinned]);

  async function add(event: React.FormEvent) {
    event.preventDefault();
    setSaving(true);
    try {
      const response = await api.resourceAction({ resourceId: 'notes', actionName: 'new', method: 'post', data: { lead_id: leadId, body, is_pinned: String(pin) } });
      const errors = (response.data.record?.errors ?? {}) as Record<string, { message: string }>;
      setError(errors.body?.message ?? Object.values(errors)[0]?.message);
      if (Object.keys(errors).length === 0 && response.data.notice?.type !== 'error') {
        setBody('');
        setPin(false);
        await loadPinned();
        onWritten();
      }
    } finally {
      setSaving(false);
    }
  }

  async function unpin(note: RecordJSON) {
    await api.recordAction({ resourceId: 'notes', recordId: String(note.id), actionName: 'edit', method: 'post', data: { is_pinned: 'false' } });
    await loadPinned();
    onWritten();
  }

  return (
    <Box data-testid="lead-notes">
      {pinned.length > 0 && (
        <ul className="lh-pinned-notes" data-testid="pinned-notes">
          {pinned.map((note) => (
            <li key={note.id} data-testid="pinned-note">
              <div className="lh-note-body">{String(note.params.body ?? '')}</div>
              <div className="lh-timeline-when">
                {`Pinned · ${note.populated?.author_id?.title ?? 'someone'} · ${formatDateTime(note.params.created_at, zone)} · `}
                <Link href={`${root}/resources/notes/records/${note.id}/show`}>Open</Link>
                {note.recordActions.some((a) => a.name === 'edit') && (
                  <> · <Button type="button" size="sm" variant="text" onClick={() => void unpin(note)} data-testid="unpin-note">Unpin</Button></>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <Box as="form" onSubmit={add} data-testid="add-note">
        <FormGroup error={!!error}>
          <Label htmlFor="note-body">Add a note</Label>
          <TextArea id="note-body" value={body} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setBody(e.target.value)} rows={3} width={1} />
          <FormMessage>{error}</FormMessage>
        </FormGroup>
        <Box flex alignItems="center" style={{ gap: 16 }}>
          <Box flex alignItems="center" style={{ gap: 6 }}>
            <CheckBox id="note-pin" checked={pin} onChange={() => setPin(!pin)} />
            <Label htmlFor="note-pin" inline mb="0">Pin it above the timeline</Label>
          </Box>
          <Button type="submit" variant="outlined" disabled={saving} data-testid="add-note-save">Add note</Button>
        </Box>
      </Box>
    </Box>
  );
}
