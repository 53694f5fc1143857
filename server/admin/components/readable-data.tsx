import React from 'react';
import { flat, useTranslation, type ShowPropertyProps } from 'adminjs';
import { Box, Label, Text } from '@adminjs/design-system';
import { formatDate, formatDateTime, toInstant } from '../format-date-time.js';
import { SUBMISSION_FIELD_LABELS, VALUE_WORDS, fieldLabel, isTimeKey } from '../submission-field-words.js';
import { useTimeZone } from './use-time-zone.js';

/**
 * A JSON column (a submission's payload, attribution or score breakdown) as
 * labelled rows, the way a person reads a form: every key shown (nested
 * objects indented beneath their label), times as dates in the
 * organization's zone, and the raw JSON behind a "Show raw data" disclosure.
 * AdminJS hands records over flattened (`payload.email`), so the value is
 * rebuilt from those keys first.
 */

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
type Json = unknown;
/** Known keys in the order a form asks them (name, contact, address, …); unknown keys follow, as they were sent. */
const ORDER = new Map(Object.keys(SUBMISSION_FIELD_LABELS).map((key, i) => [key, i]));
const rank = (key: string) => ORDER.get(key) ?? ORDER.size;
interface ScoreItem { label?: unknown; points?: unknown; max?: unknown; value?: unknown }

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A primitive as words: yes/no, a date, a time in the zone, or the text as sent. */
function scalar(key: string, value: Json, zone: string): string {
  if (value === null || value === undefined || value === '') return VALUE_WORDS.empty;
  if (typeof value === 'boolean') return value ? VALUE_WORDS.yes : VALUE_WORDS.no;
  if (typeof value === 'string' && DATE_ONLY.test(value)) return formatDate(value);
  if ((typeof value === 'string' && ISO_TIME.test(value)) || (isTimeKey(key) && toInstant(value))) return formatDateTime(value, zone);
  return String(value);
}

function isScoreItems(value: Json): value is ScoreItem[] {
  return Array.isArray(value) && value.length > 0 && value.every((i) => isRecord(i) && 'label' in i && 'points' in i);
}

function Rows({ value, zone, depth }: { value: Record<string, Json>; zone: string; depth: number }) {
  const entries = Object.entries(value).sort(([a], [b]) => rank(a) - rank(b));
  if (entries.length === 0) return <Text color="grey60">{VALUE_WORDS.nothing}</Text>;
  return (
    <dl className="lh-data" style={{ margin: 0, paddingLeft: depth ? 12 : 0, borderLeft: depth ? '2px solid #eeeeef' : 'none' }}>
      {entries.map(([key, item]) => <Row key={key} name={key} value={item} zone={zone} depth={depth} />)}
    </dl>
  );
}

function Row({ name, value, zone, depth }: { name: string; value: Json; zone: string; depth: number }) {
  const label = <dt style={{ fontWeight: 600, fontSize: 13, color: '#454655', marginTop: 8 }}>{fieldLabel(name)}</dt>;
  let shown: React.ReactNode;
  if (isScoreItems(value)) {
    shown = (
      <ul style={{ margin: 0, paddingLeft: 18 }}>
        {value.map((i, n) => <li key={n}>{`${String(i.label)}: ${String(i.points)}${i.max !== undefined ? ` of ${String(i.max)}` : ''} points`}</li>)}
      </ul>
    );
  } else if (isRecord(value)) {
    shown = <Rows value={value} zone={zone} depth={depth + 1} />;
  } else if (Array.isArray(value)) {
    shown = value.every((v) => !isRecord(v) && !Array.isArray(v))
      ? (value.length ? value.map((v) => scalar(name, v, zone)).join(', ') : VALUE_WORDS.empty)
      : value.map((v, n) => <Rows key={n} value={isRecord(v) ? v : { [String(n + 1)]: v }} zone={zone} depth={depth + 1} />);
  } else {
    shown = scalar(name, value, zone);
  }
  return <>{label}<dd style={{ margin: 0, overflowWrap: 'anywhere' }}>{shown}</dd></>;
}

export default function ReadableData({ record, property }: ShowPropertyProps) {
  const { translateProperty } = useTranslation();
  const zone = useTimeZone();
  const value: Json = flat.get(record?.params ?? {}, property.path);
  const empty = value === undefined || value === null || (typeof value === 'object' && Object.keys(value as object).length === 0);
  return (
    <Box mb="xl" data-testid={`data-${property.path}`}>
      <Label>{translateProperty(property.label, property.resourceId)}</Label>
      {empty
        ? <Text color="grey60">{VALUE_WORDS.nothing}</Text>
        : (
          <>
            <Rows value={isRecord(value) ? value : { [property.path]: value }} zone={zone} depth={0} />
            <details style={{ marginTop: 8 }}>
              <summary style={{ cursor: 'pointer', fontSize: 13 }}>{VALUE_WORDS.raw}</summary>
              <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontSize: 12, margin: 0 }}>{JSON.stringify(value, null, 2)}</pre>
            </details>
          </>
        )}
    </Box>
  );
}
