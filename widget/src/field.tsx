import { US_STATES } from '../../models/lead-rules.js';
import { RULES, inputError, maskDate } from './validate.js';
import { announce } from './actions.js';
import type { FlowHost, InputField } from './types.js';


/** Browser autofill and keyboard hints per field; text is the default type. */
const INPUT: Partial<Record<InputField, Record<string, string>>> = {
  first_name: { autocomplete: 'given-name' },
  last_name: { autocomplete: 'family-name' },
  date_of_birth: { autocomplete: 'bday', inputmode: 'numeric', maxLength: '10' },
  zip_code: { autocomplete: 'postal-code', inputmode: 'numeric' },
  state: { autocomplete: 'address-level1' },
  email: { type: 'email', autocomplete: 'email' },
  phone: { type: 'tel', autocomplete: 'tel' },
};

/** Shows (and announces) a field's error as the visitor leaves it. */
function leave(app: FlowHost, name: InputField, value: string): void {
  const { values, errors } = app.state;
  const lang = app.props.opts.lang;
  const error = inputError(name, value, lang, undefined, name === 'zip_code' ? values.state : undefined);
  // A new state may settle (or start) the ZIP's disagreement with it, once the ZIP has been judged.
  const zip = name === 'state' && values.zip_code && 'zip_code' in errors ? { zip_code: inputError('zip_code', values.zip_code, lang, undefined, value) } : {};
  app.setState({ values: { ...values, [name]: value }, errors: { ...errors, [name]: error, ...zip } });
  if (error) announce(app, `${app.t(name)}: ${error}`);
}

/**
 * A labelled input with its hint and error tied by aria-describedby. `name`
 * and `id` (f-<field>) are stable for partners' tests and the e2e suite.
 */
export function Field({ app, name }: { app: FlowHost; name: InputField }) {
  const { values, errors } = app.state;
  const error = errors[name];
  const hint = app.t(`h_${name}`);
  const hasHint = hint !== `h_${name}`;
  const describedBy = [hasHint && `h-${name}`, error && `e-${name}`].filter(Boolean).join(' ') || undefined;
  const props = {
    id: `f-${name}`,
    name,
    value: values[name] ?? '',
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': RULES[name].required ? true : undefined,
    onInput: (event: Event) => {
      const input = event.target as HTMLInputElement;
      // Only while typing at the end: deleting, or editing in the middle, keeps exactly what the visitor did.
      const typing = (event as InputEvent).inputType?.startsWith('insert') && input.selectionStart === input.value.length;
      const value = name === 'date_of_birth' && typing ? maskDate(input.value) : input.value;
      if (value !== input.value) input.value = value;
      const { values: now, errors: shown } = app.state;
      // An error clears as soon as the value is right; a new one waits for blur.
      app.setState({
        values: { ...now, [name]: value },
        ...(shown[name] ? { errors: { ...shown, [name]: inputError(name, value, app.props.opts.lang, undefined, now.state) } } : {}),
      });
    },
    onBlur: (event: Event) => leave(app, name, (event.target as HTMLInputElement).value),
    ...INPUT[name],
  };
  return (
    <div class="f">
      <label for={`f-${name}`}>
        {app.t(name)}
        {!RULES[name].required && <span class="o"> {app.t('optional')}</span>}
      </label>
      {hasHint && <p class="h" id={`h-${name}`}>{hint}</p>}
      {name === 'state'
        ? (
          <select {...props} onChange={props.onBlur}>
            <option value="">{app.t('none')}</option>
            {US_STATES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        )
        : <input {...props} />}
      {error && <p class="e" id={`e-${name}`}>{error}</p>}
    </div>
  );
}
