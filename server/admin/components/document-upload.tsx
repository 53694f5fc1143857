import React, { useCallback, useEffect, useRef, useState } from 'react';
import type { ActionProps } from 'adminjs';
import { Box, Button, H4, Link, MessageBox, Text } from '@adminjs/design-system';
import { readableSize } from './document-size.js';

interface Uploaded { id: number; original_name: string; size_bytes: number; download_url: string }
interface Problem { detail?: string; errors?: { field: string; message: string }[] }
interface Custom { root: string; maxBytes: number; accept: string; allowed: string }

/**
 * "Upload document" on a lead: a drop zone and a button, posting one file at
 * a time to the upload route, which decides by the file's content whether
 * to keep it; its refusal is shown in its own words. Below, the lead's
 * documents, each with its download link.
 */
export default function DocumentUpload({ action, record, onUploaded }: ActionProps & { onUploaded?: () => void }) {
  const { root, maxBytes, accept, allowed } = action.custom as Custom;
  const leadId = String(record?.id ?? '');
  const [documents, setDocuments] = useState<Uploaded[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    const query = new URLSearchParams({ 'filters.lead_id': leadId, perPage: '50' });
    const res = await fetch(`${root}/api/resources/documents/actions/list?${query}`, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!res.ok) return;
    const body = await res.json() as { records?: { params: Record<string, unknown> }[] };
    setDocuments((body.records ?? []).map(({ params }) => ({
      id: Number(params.id), original_name: String(params.original_name), size_bytes: Number(params.size_bytes), download_url: String(params.download),
    })));
  }, [root, leadId]);
  useEffect(() => { void load(); }, [load]);

  const send = async (file: File | undefined) => {
    if (!file || busy) return;
    setErrors([]);
    setDone(null);
    if (file.size > maxBytes) { setErrors([`${file.name} is ${readableSize(file.size)}: files can be at most ${readableSize(maxBytes)}.`]); return; }
    setBusy(true);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const res = await fetch(`${root}/leads/${encodeURIComponent(leadId)}/documents`, { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json' } });
      const body = await res.json().catch(() => ({})) as Problem & { document?: Uploaded };
      if (res.ok && body.document) {
        setDone(`${body.document.original_name} uploaded.`);
        await load();
        onUploaded?.();
      } else {
        const messages = (body.errors ?? []).map((e) => e.message);
        setErrors(messages.length ? messages : [body.detail ?? 'The upload failed. Try again.']);
      }
    } catch {
      setErrors(['The upload did not reach the server. Check the connection and try again.']);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <Box variant="card" p={['lg', 'xl']} data-testid="document-upload">
      <H4>Documents</H4>
      <Box
        as="label"
        htmlFor="document-file"
        data-testid="document-drop-zone"
        onDragOver={(event: React.DragEvent) => { event.preventDefault(); setOver(true); }}
        onDragLeave={() => setOver(false)}
        onDrop={(event: React.DragEvent) => { event.preventDefault(); setOver(false); void send(event.dataTransfer.files[0]); }}
        style={{
          display: 'block', border: `2px dashed ${over ? '#3040D6' : '#C0C0CA'}`, borderRadius: 8, padding: '24px 16px',
          textAlign: 'center', cursor: 'pointer', background: over ? '#F0F2FF' : 'transparent',
        }}
      >
        <Text mb="default">{busy ? 'Uploading…' : 'Drop a file here, or'}</Text>
        <Button type="button" variant="contained" disabled={busy} onClick={() => input.current?.click()} data-testid="document-choose">Choose a file</Button>
        <Text mt="default" color="grey60" fontSize="sm">{allowed}, up to {readableSize(maxBytes)}.</Text>
        <input
          id="document-file" ref={input} type="file" accept={accept} data-testid="document-file"
          style={{ position: 'absolute', width: 1, height: 1, opacity: 0, pointerEvents: 'none' }}
          onChange={(event) => { void send(event.target.files?.[0]); }}
        />
      </Box>
      <div role="status" aria-live="polite">
        {done ? <MessageBox mt="lg" variant="success" message={done} data-testid="document-uploaded" /> : null}
      </div>
      <div role="alert">
        {errors.map((message) => <MessageBox key={message} mt="lg" variant="danger" message={message} data-testid="document-error" />)}
      </div>
      <Box as="ul" mt="xl" data-testid="document-list" style={{ listStyle: 'none', padding: 0 }}>
        {documents.length === 0 ? <Text as="li" color="grey60">No documents yet.</Text> : null}
        {documents.map((d) => (
          <Box as="li" key={d.id} py="default" style={{ display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'baseline', borderBottom: '1px solid #EEEEF2' }}>
            <Text style={{ overflowWrap: 'anywhere', flex: '1 1 12rem' }}>{d.original_name}</Text>
            <Text color="grey60" fontSize="sm">{readableSize(d.size_bytes)}</Text>
            <Link href={d.download_url} download={d.original_name} data-testid="document-list-download">Download</Link>
          </Box>
        ))}
      </Box>
    </Box>
  );
}
