import React, { useCallback, useEffect, useState } from 'react';
import { ApiClient } from 'adminjs';
import { Box, Button, Link, Text } from '@adminjs/design-system';
import {
  ACTIVITY_DIRECTION_LABELS, ACTIVITY_TYPE_LABELS, CALL_OUTCOME_LABELS, LEAD_STATUS_LABELS,
  type ActivityDirection, type ActivityType, type CallOutcome, type LeadStatus,
} from '../../../models/value-sets.js';
import type { TimelineCursor, TimelineEntry } from '../resources/activity-timeline.js';
import { formatDateTime } from '../format-date-time.js';
import { TIMELINE_ACTION } from './lead-page-actions.js';
import { useTimeZone } from './use-time-zone.js';

const api = new ApiClient();

/** The filters above the timeline: a person's names for groups of types. */
const FILTERS: readonly { label: string; types: readonly ActivityType[] }[] = [
  { label: 'Everything', types: [] },
  { label: 'Calls', types: ['call'] },
  { label: 'Emails and texts', types: ['email', 'sms'] },
  { label: 'Meetings', types: ['meeting'] },
  { label: 'Notes', types: ['note'] },
  { label: 'Documents', types: ['document'] },
  { label: 'Status changes', types: ['status_change'] },
  { label: 'Submissions', types: ['submission'] },
];

type Entry = Omit<TimelineEntry, 'occurred_at'> & { occurred_at: string };
type Cursor = Omit<TimelineCursor, 'occurredAt'> & { occurredAt: string };

/** What happened, in words: "Status: New → Contacted", "Outbound call · Left a voicemail · 4 min". */
function headline(entry: Entry): string {
  const meta = entry.metadata ?? {};
  if (entry.kind === 'note') return 'Note';
  if (entry.type === 'status_change') {
    const label = (s: unknown) => LEAD_STATUS_LABELS[s as LeadStatus] ?? String(s ?? '');
    return `Status: ${label(meta.from)} → ${label(meta.to)}`;
  }
  const parts = [
    entry.direction ? `${ACTIVITY_DIRECTION_LABELS[entry.direction as ActivityDirection]} ${ACTIVITY_TYPE_LABELS[entry.type].toLowerCase()}` : ACTIVITY_TYPE_LABELS[entry.type],
    entry.outcome ? CALL_OUTCOME_LABELS[entry.outcome as CallOutcome] : null,
    entry.duration_seconds ? `${Math.max(1, Math.round(entry.duration_seconds / 60))} min` : null,
  ];
  return parts.filter(Boolean).join(' · ');
}

/**
 * The lead's timeline, newest first, a page at a time (the `timeline`
 * record action: keyset pages, so a lead with 5,000 entries opens as fast as
 * one with five), with filters by kind. `version` changes when something was
 * logged, to show it at once.
 */
export function LeadTimeline({ leadId, version }: { leadId: string; version: number }) {
  const zone = useTimeZone();
  const root = window.location.pathname.replace(/\/resources\/.*$/, '');
  const [filter, setFilter] = useState(FILTERS[0]!);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [next, setNext] = useState<Cursor | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(async (from: Cursor | null) => {
    setLoading(true);
    try {
      const params: Record<string, string> = {};
      if (filter.types.length) params.types = filter.types.join(',');
      if (from) Object.assign(params, { before_at: from.occurredAt, before_id: from.id });
      const response = await api.recordAction({ resourceId: 'leads', recordId: leadId, actionName: TIMELINE_ACTION, params });
      const page = (response.data as unknown as { timeline: { entries: Entry[]; next: Cursor | null } }).timeline;
      setEntries((shown) => (from ? [...shown, ...page.entries] : page.entries));
      setNext(page.next);
    } finally {
      setLoading(false);
    }
  }, [leadId, filter]);

  useEffect(() => { void load(null); }, [load, version]);

  return (
    <Box data-testid="lead-timeline">
      <div className="lh-timeline-filters" role="group" aria-label="Show">
        {FILTERS.map((f) => (
          <Button key={f.label} type="button" size="sm" variant={f === filter ? 'contained' : 'outlined'} aria-pressed={f === filter} onClick={() => setFilter(f)}>
            {f.label}
          </Button>
        ))}
      </div>
      {!loading && entries.length === 0 && <Text data-testid="timeline-empty">{filter.types.length ? 'Nothing of this kind yet.' : 'Nothing has happened with this lead yet. Log a call or an email above.'}</Text>}
      <ol className="lh-timeline">
        {entries.map((entry) => (
          <li key={`${entry.kind}:${entry.id}`} data-testid="timeline-entry" data-type={entry.type}>
            <div className="lh-timeline-head">
              <strong>{headline(entry)}</strong>
              <span className="lh-timeline-when">{formatDateTime(entry.occurred_at, zone)}{entry.user_name ? ` · ${entry.user_name}` : ''}</span>
            </div>
            {entry.summary && entry.type !== 'status_change' && <div>{entry.summary}</div>}
            {entry.type === 'document' && entry.metadata?.document_id != null && (
              <Link href={`${root}/documents/${String(entry.metadata.document_id)}/download`} data-testid="timeline-download">Download</Link>
            )}
            {entry.details && <div className="lh-timeline-details">{entry.details}</div>}
          </li>
        ))}
      </ol>
      {next && (
        <Button type="button" variant="outlined" disabled={loading} onClick={() => void load(next)} data-testid="timeline-older">Show older</Button>
      )}
    </Box>
  );
}
