import React from 'react';
import type { ShowPropertyProps } from 'adminjs';
import { Box, Label, Text } from '@adminjs/design-system';
import type { LeadIntakeSummary } from '../resources/lead-intake-summary.js';
import { formatDateTime } from '../format-date-time.js';
import { useTimeZone } from './use-time-zone.js';

const OUTCOMES: Record<string, string> = { created: 'New lead', duplicate: 'Duplicate (repeat inquiry)', spam: 'Caught as a bot' };

function when(iso: string | null, zone: string): string {
  return iso ? formatDateTime(iso, zone) : 'unknown time';
}

/** The summary the show action put on the record (see resources/lead-intake-summary.ts). */
export function parseIntakeSummary(raw: unknown): LeadIntakeSummary | null {
  if (typeof raw !== 'string') return null;
  try { return JSON.parse(raw) as LeadIntakeSummary; } catch { return null; }
}

/**
 * Where a lead came from, on its page: how the intake API scored it, what
 * the visitor consented to, and its submissions. Filled in by the show
 * action (see resources/lead-intake-summary.ts).
 */
export default function LeadIntake({ record }: ShowPropertyProps) {
  const zone = useTimeZone();
  const summary = parseIntakeSummary(record?.params.intake);
  if (!summary) return null;
  const root = window.location.pathname.replace(/\/resources\/.*$/, '');
  const submissionUrl = (id: string) => `${root}/resources/lead_submissions/records/${id}/show`;
  const { score, consent, submissions, submissionCount } = summary;
  const alsoAsked = [...new Set(submissions.filter((s) => s.otherProduct && s.product).map((s) => s.product!))];
  return (
    <Box mb="xl" data-testid="lead-intake">
      <Label>Score breakdown</Label>
      <Text mb="lg" data-testid="lead-intake-score">
        {score
          ? `${score.items.map((i) => `${i.label} ${i.points}/${i.max}`).join(', ')} (total ${score.score})`
          : 'Not scored by the intake API (added by hand or imported).'}
      </Text>
      <Label>Consent</Label>
      <Text mb="lg" data-testid="lead-intake-consent">
        {consent
          ? `Consented to calls: ${consent.granted ? 'yes' : 'no'}, version ${consent.version ?? 'unversioned'}, at ${when(consent.grantedAt, zone)}`
            + `${consent.pageUrl ? `, on ${consent.pageUrl}` : ''}.`
          : 'No consent on record.'}
      </Text>
      <Label>Submissions ({submissionCount})</Label>
      {submissions.length === 0 && <Text>None.</Text>}
      {alsoAsked.length > 0 && (
        <Text mb="default" data-testid="lead-intake-also-asked">
          <strong>Also asked for {alsoAsked.join(', ')}</strong>
        </Text>
      )}
      <ul style={{ margin: 0, padding: 0, listStyle: 'none' }} data-testid="lead-intake-submissions">
        {submissions.map((s) => (
          <li key={s.id} data-testid="lead-intake-submission" style={{ padding: '8px 0', borderBottom: '1px solid #eeeeef' }}>
            <div>
              <a href={submissionUrl(s.id)}>{s.reference}</a>{' · '}
              <span>{OUTCOMES[s.outcome] ?? s.outcome}</span>{' · '}
              <span>{when(s.createdAt, zone)}</span>
            </div>
            <div style={{ color: '#454655', fontSize: 13, marginTop: 2 }}>
              Product asked: {s.product ?? 'none'}{s.otherProduct && <strong>{" · not the lead's product"}</strong>}
              {' · '}Source: {s.source ?? 'unknown'}
              {s.campaign ? ` · Campaign: ${s.campaign}` : ''}
            </div>
          </li>
        ))}
      </ul>
      {submissionCount > submissions.length && (
        <a href={`${root}/resources/lead_submissions?filters.lead_id=${String(record?.params.id)}`}>All {submissionCount} submissions</a>
      )}
    </Box>
  );
}
