import { MESSAGES } from '../../models/lead-rules.js';
import { validateSubmission } from '../../server/intake/intake.validate.js';
import { MESSAGES_ES } from '../../widget/src/messages-es.js';
import { RULES, checkField, fieldError, message } from '../../widget/src/validate.js';

/**
 * The widget's field checks against the intake API's: for every input below,
 * both report the same code and the same English message (or both accept it).
 */
const NOW = new Date('2026-06-15T12:00:00Z');
const VALID = { first_name: 'Maria', last_name: 'Garcia', email: 'maria@example.com' };

type Field = keyof typeof RULES;

const CASES: Record<Field, string[]> = {
  first_name: ['Maria', '  Mary-Jane   O\'Brien Jr. ', 'José', '', '   ', 'M4ria', '-Maria', '<b>', 'x'.repeat(100), 'x'.repeat(101), 'Ma\u0000ria', 'Ma\u0007',
    'Mary\r\nJane', 'Mary\rJane', 'Ma\ud83d', '\ude00Maria', 'Mar\u000bia'],
  last_name: ['Garcia', 'García-López', '', 'O\'Neil', '123', 'x'.repeat(101), 'Smith\u001b'],
  email: ['maria@example.com', 'MARIA@Example.COM', ' maria@example.com ', '', 'maria', 'maria@', 'maria@example', 'ma ria@example.com',
    'maria@example.c', `${'a'.repeat(250)}@example.com`, 'a;b@example.com', 'maria@exa_mple.com',
    ' maria@example.com\r\n', 'maria\udc00@example.com'],
  phone: ['(415) 555-0132', '415-555-0132', '4155550132', '1 415 555 0132', '+1 415 555 0132', '', '555-0132', '5550132', '415555013',
    '41555501321', '2 415 555 0132', 'call me', '12', '+1 (415) 555-0132 ext', '1'.repeat(51)],
  date_of_birth: ['1985-04-12', '', '1985-4-12', '12/04/1985', '1985-02-30', '2026-06-16', '2010-06-16', '2010-06-15', '1906-06-15',
    '1906-06-16', '1985-04-12x', '19850412'],
  zip_code: ['94107', '94107-1234', '941071234', '', '9410', 'ABCDE', '94107-12', '<941>', '1'.repeat(21)],
  state: ['CA', 'ca', ' ny ', '', 'XX', 'California', 'PR', '<C>', 'x'.repeat(51)],
};

/** What the server says about one field, given an otherwise valid body. */
function server(field: Field, value: string) {
  const result = validateSubmission({ ...VALID, [field]: value }, NOW);
  return result.ok ? null : result.errors.find((e) => e.field === field) ?? null;
}

describe('the widget validates every field exactly as the intake API does', () => {
  for (const [field, values] of Object.entries(CASES) as [Field, string[]][]) {
    it.each(values.map((v) => [JSON.stringify(v).slice(0, 40), v]))(`${field} %s: same code and message`, (_label, value) => {
      const expected = server(field, value);
      const failed = checkField(field, value, NOW);
      expect(failed ? { code: failed.code, message: fieldError(field, value, 'en', NOW) } : null)
        .toEqual(expected ? { code: expected.code, message: expected.message } : null);
    });
  }

  it('leaves a +country number to the server (libphonenumber is not bundled), whose 422 then lands on the phone field', () => {
    expect(checkField('phone', '+999 1234567', NOW)).toBeNull();
    expect(server('phone', '+999 1234567')).toMatchObject({ code: 'invalid_phone' });
    expect(checkField('phone', '+44 20 7946 0958', NOW)).toBeNull();
    expect(server('phone', '+44 20 7946 0958')).toBeNull();
  });

  it('uses the same limits as the shared rules, so too_long names the same maximum', () => {
    expect(fieldError('first_name', 'x'.repeat(101), 'en', NOW)).toBe(MESSAGES.too_long(100));
    expect(fieldError('first_name', 'x'.repeat(101), 'es', NOW)).toBe(MESSAGES_ES.too_long(100));
  });
});

describe('Spanish messages', () => {
  it('has a Spanish text for every error code, different from the English one', () => {
    for (const code of Object.keys(MESSAGES) as (keyof typeof MESSAGES)[]) {
      const en = message(code, 'en', 7);
      const es = message(code, 'es', 7);
      expect(typeof es).toBe('string');
      expect(es).not.toBe(en);
    }
    expect(Object.keys(MESSAGES_ES).sort()).toEqual(Object.keys(MESSAGES).sort());
  });

  it('shows a field error in the visitor\'s language, by code', () => {
    expect(fieldError('email', 'maria', 'es', NOW)).toBe(MESSAGES_ES.invalid_email);
    expect(fieldError('date_of_birth', '2020-01-01', 'es', NOW)).toBe(MESSAGES_ES.age_out_of_range);
    expect(fieldError('last_name', '', 'es', NOW)).toBe(MESSAGES_ES.required);
  });

  it('returns nothing for a code it does not know, so the server\'s own message is kept', () => {
    expect(message('unknown_product', 'es')).toBeUndefined();
  });
});
