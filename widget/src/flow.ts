import { announce, emit, showErrors } from './actions.js';
import { browserStore, load } from './outbox.js';
import { buildBody, uuid } from './payload.js';
import { deliver, flush, httpPost, type SendDeps } from './send.js';
import { RULES, inputError, inputMessage } from './validate.js';
import type { Errors, FieldProblem, FlowHost, Lang, SendOutcome, Values } from './types.js';

/** The fields of each step, in order; a server error on a field sends the visitor to its step. */
export const STEP_FIELDS: string[][] = [
  ['product'],
  ['first_name', 'last_name', 'date_of_birth', 'zip_code', 'state'],
  ['email', 'phone'],
  ['consent', 'website'],
];

/** The step a field (or `consent.text`) is on, if the visitor can see it. */
export const stepOf = (field: string): number | undefined => {
  const step = STEP_FIELDS.findIndex((fields) => fields.includes(field.split('.')[0]!));
  return step < 0 ? undefined : step;
};

/** Step 1's rule (the widget's own: the API accepts no product): one of the offered products, when any is offered. */
export interface ProductRule { offered: string[]; message: string }

/**
 * Checks every field of some steps: errors (undefined for valid fields, so
 * shown ones clear) and the first step with one.
 */
export function checkSteps(values: Values, lang: Lang, steps: number[], product?: ProductRule, now = new Date()): { errors: Errors; first?: number } {
  const errors: Errors = {};
  let first: number | undefined;
  for (const step of steps) {
    for (const field of STEP_FIELDS[step]!) {
      let error: string | undefined;
      if (field === 'product') {
        error = product?.offered.length && !product.offered.includes(values.product!) ? product.message : undefined;
      } else if (field in RULES) {
        error = inputError(field as keyof typeof RULES, values[field as keyof typeof RULES], lang, now, values.state);
      } else continue;
      errors[field] = error;
      if (error && first === undefined) first = step;
    }
  }
  return { errors, first };
}

/** Places a 422's field errors on their fields, in the visitor's language; the rest cannot be shown on a field. */
export function placeErrors(problems: FieldProblem[], lang: Lang): { errors: Errors; first?: number; rest: FieldProblem[] } {
  const errors: Errors = {};
  const rest: FieldProblem[] = [];
  let first: number | undefined;
  for (const p of problems) {
    const step = stepOf(p.field);
    if (step === undefined) {
      rest.push(p);
      continue;
    }
    const field = p.field.split('.')[0]!;
    // Only too_long's number is known here; a message naming other values keeps the server's text.
    const max = p.code === 'too_long' ? (RULES as Record<string, { max: number }>)[field]?.max : undefined;
    errors[field] = ((lang === 'es' || field === 'date_of_birth') && inputMessage(field, p.code, lang, max)) || p.message;
    first = Math.min(first ?? step, step);
  }
  return { errors, first, rest };
}

const productRule = (app: FlowHost): ProductRule => ({ offered: app.state.config!.products.map((p) => p.value), message: app.t('pick') });

/** Continue on step `step`: its fields are checked, then the visitor moves on or lands on the first invalid one. */
export function next(app: FlowHost, step: number): void {
  const { errors, first } = checkSteps(app.state.values, app.props.opts.lang, [step], productRule(app));
  if (first === undefined) {
    app.setState({ errors: { ...app.state.errors, ...errors } });
    app.go(step + 1);
  } else {
    showErrors(app, { errors: { ...app.state.errors, ...errors } });
  }
}

const deps: SendDeps = {
  post: httpPost,
  store: browserStore(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  online: () => navigator.onLine !== false,
};

/** Each widget's current fill: its body and Idempotency-Key. A changed body gets a new key (the same key with another body is a 409). */
const fills = new WeakMap<FlowHost, { id: string; body: string }>();

function show(app: FlowHost, outcome: SendOutcome): void {
  if (outcome.kind === 'invalid') {
    const { errors, first, rest } = placeErrors(outcome.errors, app.props.opts.lang);
    if (first !== undefined) return showErrors(app, { sending: false, step: first, errors: { ...app.state.errors, ...errors } });
    outcome = { kind: 'failed', status: 422, detail: rest.map((p) => `${p.field}: ${p.message}`).join(' ') };
  }
  const step = outcome.kind === 'sent' ? 'done' : outcome.kind;
  app.setState({ sending: false, ...(outcome.kind === 'sent' ? { reference: outcome.reference } : {}), ...(outcome.kind === 'failed' ? { detail: outcome.detail } : {}) });
  app.go(step);
  if (outcome.kind === 'sent') {
    announce(app, `${app.t('done')} ${outcome.reference}`);
    emit(app, 'submitted', { reference: outcome.reference });
  }
  if (outcome.kind === 'failed') emit(app, 'error', { status: outcome.status, detail: outcome.detail });
  if (outcome.kind === 'queued') {
    later.get(app.props.opts.key)?.();
    emit(app, 'queued', {});
  }
}

/** Checks the whole form, then sends it (retrying, or keeping it on this device) and shows the outcome. */
export async function submit(app: FlowHost): Promise<void> {
  const { values, sending, config } = app.state;
  const { opts } = app.props;
  if (sending) return;
  try {
    const { errors, first } = checkSteps(values, opts.lang, [0, 1, 2], productRule(app));
    if (first !== undefined) return showErrors(app, { step: first, errors });
    const body = JSON.stringify(buildBody(values, { config: config!, lang: opts.lang, startedAt: app.startedAt, href: location.href, referrer: document.referrer }));
    let fill = fills.get(app);
    if (fill?.body !== body) fills.set(app, (fill = { id: uuid(), body }));
    app.setState({ sending: true });
    announce(app, app.t('sending'));
    show(app, await deliver({ ...fill, url: new URL('api/v1/leads', opts.api).href, savedAt: Date.now() }, opts.key, deps));
  } catch {
    show(app, { kind: 'failed', status: 0, detail: '' });
  }
}

/** The widgets of each site key on this page; the outbox is flushed once per key. */
const widgets = new Map<string, FlowHost[]>();
/** Per site key: try the outbox again in a while (the server was down; no `online` event will come). */
const later = new Map<string, () => void>();

/** While something waits in the outbox, the page tries again every 15-30 seconds, besides on `online` and the next page view. */
const RECHECK_MS = 15000;

/** The key's widgets still on the page: one a single-page app took away is forgotten (and can be collected). */
function live(key: string): FlowHost[] {
  const apps = (widgets.get(key) ?? []).filter((w) => w.props.host.isConnected);
  widgets.set(key, apps);
  return apps;
}

/**
 * Sends what earlier page views of this site left behind, now, whenever the
 * browser comes back online, and every little while as long as something is
 * waiting. A refusal (a 4xx but 408/425/429) removes the entry, and the
 * key's widgets say so: the visitor learns their earlier request did not
 * arrive, instead of it being retried on every page view forever.
 */
export function start(app: FlowHost): void {
  const key = app.props.opts.key;
  if (later.has(key)) return void live(key).push(app);
  widgets.set(key, [app]);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(run, RECHECK_MS * (1 + Math.random()));
  };
  const run = (): void => void flush(key, deps, (outcome, p) => {
    const apps = live(key);
    // A widget may still be showing "saved on this device" for this very fill; otherwise it came from an earlier page view.
    const owner = apps.find((w) => fills.get(w)?.id === p.id);
    if (owner) return show(owner, outcome);
    if (outcome.kind === 'sent') return void (apps[0] && emit(apps[0], 'submitted', { reference: outcome.reference, queued: true }));
    for (const w of apps) w.setState({ notice: w.t('lost') });
    if (apps[0]) emit(apps[0], 'error', outcome.kind === 'failed' ? { status: outcome.status, detail: outcome.detail, queued: true } : { status: 422, detail: '', queued: true });
  }).catch(() => {}).finally(() => {
    if (load(deps.store, key).length) schedule();
  });
  later.set(key, schedule);
  run();
  window.addEventListener('online', run);
}
