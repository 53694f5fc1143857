import React, { useEffect, useState } from 'react';
import { ApiClient } from 'adminjs';
import { Box, Button, FormGroup, FormMessage, Input, Label, TextArea } from '@adminjs/design-system';
import {
  ACTIVITY_DIRECTIONS, ACTIVITY_TYPE_LABELS, CALL_OUTCOMES, CALL_OUTCOME_LABELS, DIRECTED_ACTIVITY_TYPES, LOGGED_ACTIVITY_TYPES,
} from '../../../models/value-sets.js';

const api = new ApiClient();

export interface LogPreset { type: (typeof LOGGED_ACTIVITY_TYPES)[number]; direction?: (typeof ACTIVITY_DIRECTIONS)[number] }

type Errors = Record<string, { message: string } | undefined>;
const BLANK = { logged_type: 'call', direction: 'outbound', outcome: '', summary: '', details: '' };

const directed = (type: string) => (DIRECTED_ACTIVITY_TYPES as readonly string[]).includes(type);

/**
 * "Log activity" on the lead page: a call, email, text, meeting or other,
 * posted to the activities' own new-record action, so the rules are the
 * activity form's (author and organization forced, a lead out of reach
 * refused). Pressing Call or Email on the page fills it in (`preset`).
 */
export function LogActivity({ leadId, preset, onLogged }: { leadId: string; preset: LogPreset | null; onLogged: () => void }) {
  const [values, setValues] = useState(BLANK);
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (preset) setValues((v) => ({ ...v, logged_type: preset.type, direction: preset.direction ?? v.direction }));
  }, [preset]);
  const set = (field: keyof typeof BLANK) => (event: { target: { value: string } }) => setValues({ ...values, [field]: event.target.value });
  const type = values.logged_type;

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setSaving(true);
    const data: Record<string, string> = { lead_id: leadId, logged_type: type, summary: values.summary, details: values.details };
    if (directed(type)) data.direction = values.direction;
    if (type === 'call' && values.outcome) data.outcome = values.outcome;
    try {
      const response = await api.resourceAction({ resourceId: 'activities', actionName: 'new', method: 'post', data });
      const found = (response.data.record?.errors ?? {}) as Errors;
      setErrors(found);
      if (Object.keys(found).length === 0 && response.data.notice?.type !== 'error') {
        setValues({ ...BLANK, logged_type: type, direction: values.direction });
        onLogged();
      }
    } finally {
      setSaving(false);
    }
  }

  const select = (field: keyof typeof BLANK, label: string, options: readonly (readonly [string, string])[]) => (
    <FormGroup error={!!errors[field === 'logged_type' ? 'logged_type' : field]}>
      <Label htmlFor={`log-${field}`}>{label}</Label>
      <select id={`log-${field}`} className="lh-select" value={values[field]} onChange={set(field)}>
        {options.map(([value, text]) => <option key={value} value={value}>{text}</option>)}
      </select>
      <FormMessage>{errors[field]?.message}</FormMessage>
    </FormGroup>
  );

  return (
    <Box as="form" onSubmit={save} data-testid="log-activity" className="lh-log-activity">
      <div className="lh-log-row">
        {select('logged_type', 'What', LOGGED_ACTIVITY_TYPES.map((t) => [t, ACTIVITY_TYPE_LABELS[t]] as const))}
        {directed(type) && select('direction', 'Who reached out', ACTIVITY_DIRECTIONS.map((d) => [d, d === 'outbound' ? 'We did (outbound)' : 'They did (inbound)'] as const))}
        {type === 'call' && select('outcome', 'Outcome', [['', 'Not said'], ...CALL_OUTCOMES.map((o) => [o, CALL_OUTCOME_LABELS[o]] as const)])}
      </div>
      <FormGroup error={!!errors.summary}>
        <Label htmlFor="log-summary">Summary</Label>
        <Input id="log-summary" value={values.summary} onChange={set('summary')} placeholder="Quoted auto, calling back Friday" width={1} />
        <FormMessage>{errors.summary?.message}</FormMessage>
      </FormGroup>
      <FormGroup error={!!errors.details}>
        <Label htmlFor="log-details">Details</Label>
        <TextArea id="log-details" value={values.details} onChange={set('details')} rows={3} width={1} />
        <FormMessage>{errors.details?.message}</FormMessage>
      </FormGroup>
      <Button type="submit" variant="contained" disabled={saving} data-testid="log-activity-save">
        {`Log ${ACTIVITY_TYPE_LABELS[type as keyof typeof ACTIVITY_TYPE_LABELS]?.toLowerCase() ?? 'activity'}`}
      </Button>
    </Box>
  );
}
