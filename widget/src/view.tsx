import { Field } from './field.js';
import { STEP_FIELDS, next, submit } from './flow.js';
import type { FlowHost, InputField } from './types.js';

function Nav({ app, back, label, busy }: { app: FlowHost; back: number; label: string; busy?: boolean }) {
  // Pressing a button here must not blur the field first: its error would appear, push the buttons down,
  // and the click would land beside them. Continue checks every field (and moves focus) anyway.
  return (
    <div class="nav" onMouseDown={(event) => event.preventDefault()}>
      <button type="button" class="b b2" onClick={() => app.go(back)}>{app.t('back')}</button>
      <button type="submit" class="b" aria-disabled={busy || undefined}>{label}</button>
    </div>
  );
}

/** Steps 2 and 3: labelled fields, checked on blur and again on Continue. */
function FieldsStep({ app, step }: { app: FlowHost; step: number }) {
  const onSubmit = (event: Event) => {
    event.preventDefault();
    next(app, step);
  };
  return (
    <form data-step={step === 1 ? 'about' : 'contact'} noValidate onSubmit={onSubmit}>
      {STEP_FIELDS[step]!.map((name) => <Field key={name} app={app} name={name as InputField} />)}
      <Nav app={app} back={step - 1} label={app.t('next')} />
    </form>
  );
}

/** Step 4: the organization's exact consent text beside an unchecked box, the honeypot, and submit. */
function ConsentStep({ app }: { app: FlowHost }) {
  const { values, errors, sending } = app.state;
  const { text, language } = app.state.config!.consent;
  const error = errors.consent;
  const on = (field: 'consent' | 'website') => (event: Event) => {
    const input = event.target as HTMLInputElement;
    app.setState({ values: { ...app.state.values, [field]: field === 'consent' ? input.checked : input.value } });
  };
  return (
    <form data-step="consent" noValidate aria-busy={sending || undefined} onSubmit={(event) => { event.preventDefault(); void submit(app); }}>
      {text && (
        <div class="c">
          <input type="checkbox" id="f-consent" name="consent" checked={!!values.consent} onChange={on('consent')}
            aria-invalid={error ? true : undefined} aria-describedby={error ? 'e-consent' : undefined} />
          {/* A Spanish visitor may be shown the English text (the key has no Spanish one): screen readers then read it as English. */}
          <label for="f-consent" lang={language === app.props.opts.lang ? undefined : language}>{text}</label>
        </div>
      )}
      {error && <p class="e" id="e-consent">{error}</p>}
      {/* Hidden from people and assistive technology; a bot that fills every input fills this one. */}
      <div class="hp" aria-hidden="true">
        <label for="f-website">{app.t('website')}</label>
        <input id="f-website" name="website" tabIndex={-1} autocomplete="off" value={values.website ?? ''} onInput={on('website')} />
      </div>
      <Nav app={app} back={2} label={app.t(sending ? 'sending' : 'submit')} busy={sending} />
    </form>
  );
}

/** Success, saved-for-later and failure screens; the last two offer a retry of the same fill (same Idempotency-Key). */
function Result({ app }: { app: FlowHost }) {
  const { step, reference, detail, sending } = app.state;
  if (step === 'done') {
    return (
      <div data-step="done">
        <p>{app.t('done')}</p>
        <p class="ref" id="lh-ref">{reference}</p>
      </div>
    );
  }
  return (
    <div data-step={step === 'queued' ? 'queued' : 'error'}>
      <p>{app.t(String(step))}</p>
      {detail && step === 'failed' && <p>{detail}</p>}
      <button type="button" class="b" aria-disabled={sending || undefined} onClick={() => void submit(app)}>{app.t('retry')}</button>
    </div>
  );
}

/** Everything after step 1, rendered by the first chunk's App once this chunk has loaded. */
export function View({ app }: { app: FlowHost }) {
  const { step } = app.state;
  if (step === 1 || step === 2) return <FieldsStep app={app} step={step} />;
  if (step === 3) return <ConsentStep app={app} />;
  return <Result app={app} />;
}
