import React, { useEffect, useState } from 'react';
import { ApiClient, type ActionProps, type RecordJSON } from 'adminjs';
import { Badge, Box, Button, H4, Icon, Link, Text } from '@adminjs/design-system';
import { formatDate, formatDateTime } from '../format-date-time.js';
import DocumentUpload from './document-upload.js';
import LeadIntake, { parseIntakeSummary } from './lead-intake.js';
import { LeadNotes } from './lead-notes.js';
import { LeadTimeline } from './lead-timeline.js';
import { LogActivity, type LogPreset } from './log-activity.js';
import { formatPhone, telHref } from './phone-format.js';
import { useTimeZone } from './use-time-zone.js';
import { LeadValueBadge } from './value-badge.js';
import { tagColours } from './badge-colours.js';

const api = new ApiClient();
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

type Params = Record<string, unknown>;
const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/** A referenced record (product, source, campaign) as a link to its page, by its title. */
function Reference({ record, path, resource }: { record: RecordJSON; path: string; resource: string }) {
  const id = text(record.params[path]);
  if (!id) return <>–</>;
  const title = record.populated?.[path]?.title ?? `#${id}`;
  const root = window.location.pathname.replace(/\/resources\/.*$/, '');
  return <Link href={`${root}/resources/${resource}/records/${id}/show`}>{title}</Link>;
}

/** One labelled value of the details block. */
function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="lh-lead-fact" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children === '' || children === null ? '–' : children}</dd>
    </div>
  );
}

/** A date or time of the lead, marked as every one on screen is (date-time-value.tsx), so it is found the same way. */
function When({ path, children }: { path: string; children: string }) {
  return <span data-testid={`datetime-${path}`}>{children || "–"}</span>;
}

type TagSummary = { id: number; name: string; colour: string };

/**
 * The lead's tags (the show action's `tag_list`, see tags/lead-tags-summary.ts),
 * each on its palette colour, with a remove button, and a picker of the
 * organization's other tags. Both go through the leads' Add tag and Remove
 * tag bulk actions for this one lead, so the rules are theirs.
 */
function Tags({ raw, leadId, onChanged }: { raw: unknown; leadId: string; onChanged: () => void }) {
  let tags: TagSummary[] = [];
  try { tags = JSON.parse(String(raw ?? '[]')) as TagSummary[]; } catch { tags = []; }
  const [all, setAll] = useState<TagSummary[] | null>(null);
  const change = async (actionName: 'addTag' | 'removeTag', tagId: number) => {
    await api.bulkAction({ resourceId: 'leads', recordIds: [leadId], actionName, method: 'post', data: { tag_id: String(tagId) } });
    onChanged();
  };
  const open = async () => {
    const response = await api.resourceAction({ resourceId: 'tags', actionName: 'list', params: { perPage: '100', sortBy: 'name', direction: 'asc' } });
    setAll(((response.data as { records?: RecordJSON[] }).records ?? []).map((r) => ({ id: Number(r.id), name: String(r.params.name), colour: String(r.params.colour) })));
  };
  const others = (all ?? []).filter((t) => !tags.some((mine) => mine.id === t.id));
  return (
    <>
      {tags.map((tag) => {
        const { text: colour, background } = tagColours(tag.colour);
        return (
          <Badge key={tag.id} size="sm" color={colour} bg={background} fontWeight="bold" style={{ borderColor: background, marginRight: 4 }} data-tag-colour={tag.colour}>
            <span>{tag.name}</span>
            <button type="button" className="lh-tag-remove" aria-label={`Remove the tag ${tag.name}`} onClick={() => void change('removeTag', tag.id)}>×</button>
          </Badge>
        );
      })}
      {all === null
        ? <Button type="button" size="sm" variant="text" onClick={() => void open()} data-testid="lead-add-tag">{tags.length ? 'Add tag' : 'No tags yet: add one'}</Button>
        : (
          <select className="lh-tag-picker" aria-label="Add a tag" value="" data-testid="lead-tag-picker"
            onChange={(e) => { if (e.target.value) void change('addTag', Number(e.target.value)).then(() => setAll(null)); }}>
            <option value="">{others.length ? 'Choose a tag…' : 'No other tags (managers make them under Tags)'}</option>
            {others.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
        )}
    </>
  );
}

function address(p: Params): string {
  const cityLine = [text(p.city), [text(p.state), text(p.zip_code)].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [text(p.address), cityLine, text(p.country) === 'USA' ? '' : text(p.country)].filter(Boolean).join('\n');
}

/**
 * A lead's page, where an agent works from (it replaces AdminJS's column of
 * fields): who the lead is and where they stand (status, priority, score,
 * product), the ways to reach them with their consent beside them (pressing
 * Call or Email fills in the log form), what happened (log activity, the
 * timeline), the details in two columns (one on a phone), and where the lead
 * came from.
 * The pipeline moves, edit and delete stay in the header above.
 */
export default function LeadPage(props: ActionProps) {
  const { record: given } = props;
  const zone = useTimeZone();
  const [record, setRecord] = useState(given);
  const [preset, setPreset] = useState<LogPreset | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => setRecord(given), [given]);
  if (!record) return null;
  // Something logged: the timeline shows it, and the lead's own fields (last contact) are read again.
  const logged = async () => {
    setVersion((v) => v + 1);
    const response = await api.recordAction({ resourceId: 'leads', recordId: String(record.id), actionName: 'show' });
    if (response.data.record) setRecord(response.data.record);
  };
  const p = record.params as Params;
  // The upload control of the lead's own Upload document action, where the role allows it.
  const upload = record.recordActions.find((a) => a.name === 'uploadDocument');
  const summary = parseIntakeSummary(p.intake);
  const consent = summary?.consent ?? null;
  const phone = text(p.phone);
  const tel = phone ? telHref(phone) : null;
  const email = text(p.email);
  return (
    <Box data-testid="lead-page" className="lh-lead-page">
      <Box variant="container" className="lh-lead-head" mb="lg">
        <div className="lh-lead-standing" data-testid="lead-standing">
          <span><span className="lh-lead-label">Status</span> <LeadValueBadge field="status" value={p.status} /></span>
          <span><span className="lh-lead-label">Priority</span> <LeadValueBadge field="priority" value={p.priority} /></span>
          <span><span className="lh-lead-label">Score</span> <strong>{p.score === null || p.score === undefined ? '–' : `${text(p.score)} / 100`}</strong></span>
          <span><span className="lh-lead-label">Product</span> <Reference record={record} path="insurance_product_id" resource="insurance_products" /></span>
          <span data-testid="lead-tags"><span className="lh-lead-label">Tags</span> <Tags raw={p.tag_list} leadId={String(record.id)} onChanged={() => void logged()} /></span>
        </div>
        <div className="lh-lead-contact" data-testid="lead-contact">
          {tel && (
            <Button as="a" href={tel} variant="contained" data-testid="lead-call" onClick={() => setPreset({ type: 'call', direction: 'outbound' })}>
              <Icon icon="Phone" />{`Call ${formatPhone(phone)}`}
            </Button>
          )}
          {email && (
            <Button as="a" href={`mailto:${email}`} variant="outlined" data-testid="lead-email" onClick={() => setPreset({ type: 'email', direction: 'outbound' })}>
              <Icon icon="Mail" />{`Email ${email}`}
            </Button>
          )}
          <Text
            as="span" className={`lh-lead-consent ${consent?.granted ? 'lh-consent-yes' : 'lh-consent-no'}`} data-testid="lead-consent"
          >
            {consent?.granted
              ? `Consented to calls ${consent.grantedAt ? formatDateTime(consent.grantedAt, zone) : ''}${consent.version ? ` (text ${consent.version})` : ''}`
              : consent ? 'Did not consent to calls' : 'No consent to calls on record'}
          </Text>
        </div>
      </Box>

      <Box variant="container" mb="lg" data-testid="lead-activity">
        <H4>Log activity</H4>
        <LogActivity leadId={String(record.id)} preset={preset} onLogged={() => void logged()} />
        <H4 mt="xl">Notes</H4>
        <LeadNotes leadId={String(record.id)} onWritten={() => setVersion((v) => v + 1)} />
        <H4 mt="xl">Timeline</H4>
        <LeadTimeline leadId={String(record.id)} version={version} />
      </Box>

      {upload && (
        // The control draws its own box and heading.
        <Box mb="lg" data-testid="lead-documents">
          <DocumentUpload {...props} record={record} action={upload} onUploaded={() => setVersion((v) => v + 1)} />
        </Box>
      )}

      <Box variant="container" mb="lg">
        <H4>Details</H4>
        <dl className="lh-lead-details" data-testid="lead-details">
          <Fact label="Email">{email}</Fact>
          <Fact label="Phone">{phone ? formatPhone(phone) : ''}</Fact>
          <Fact label="Date of birth"><When path="date_of_birth">{formatDate(p.date_of_birth)}</When></Fact>
          <Fact label="Address"><span style={{ whiteSpace: 'pre-line' }}>{address(p)}</span></Fact>
          <Fact label="Source"><Reference record={record} path="lead_source_id" resource="lead_sources" /></Fact>
          <Fact label="Campaign"><Reference record={record} path="campaign_id" resource="campaigns" /></Fact>
          <Fact label="Estimated value">{p.estimated_value == null || p.estimated_value === '' ? '' : money.format(Number(p.estimated_value))}</Fact>
          <Fact label="Last contact"><When path="last_contact_date">{formatDateTime(p.last_contact_date, zone)}</When></Fact>
          <Fact label="Next follow-up" testId="lead-follow-up"><When path="next_follow_up_date">{formatDateTime(p.next_follow_up_date, zone)}</When></Fact>
          <Fact label="Created"><When path="created_at">{formatDateTime(p.created_at, zone)}</When></Fact>
          <Fact label="Updated"><When path="updated_at">{formatDateTime(p.updated_at, zone)}</When></Fact>
          <Fact label="Organization"><Reference record={record} path="organization_id" resource="organizations" /></Fact>
        </dl>
        {text(p.notes) && (
          <Box mt="lg" data-testid="lead-notes-field">
            <span className="lh-lead-label">Notes</span>
            <Text style={{ whiteSpace: 'pre-line' }}>{text(p.notes)}</Text>
          </Box>
        )}
      </Box>

      <Box variant="container">
        <H4>Where this lead came from</H4>
        <LeadIntake record={record} property={undefined as never} resource={undefined as never} />
      </Box>
    </Box>
  );
}
