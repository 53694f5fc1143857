import { MESSAGES } from '../../models/lead-rules.js';
import { validateSubmission } from '../../server/intake/intake.validate.js';
import { MESSAGES_ES } from '../../widget/src/words/es-messages.js';
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
    '41555501321', '2 415 555 0132', 'call me', '12', '+1 (415) 555-0132 ext', '1'.repeat(51),
    '(111) 111-1111', '(123) 456-7890', '(211) 555-0132', '911-555-0132', '(206) 555-0142'],
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

  it('leaves the rest of the numbering plan to the server (libphonenumber), whose 422 then lands on the phone field', () => {
    for (const phone of ['(555) 012-3456', '(555) 123-4567', '(415) 055-0132', '1 111 111 1111']) {
      expect([phone, checkField('phone', phone, NOW)]).toEqual([phone, null]);
      expect([phone, server('phone', phone)]).toEqual([phone, { field: 'phone', code: 'unassigned_phone', message: MESSAGES.unassigned_phone }]);
    }
  });

  it('never refuses a phone number the server accepts, and refuses with the server\'s code: every area code in four formats', () => {
    const disagreements: string[] = [];
    for (let area = 0; area < 1000; area++) {
      const a = String(area).padStart(3, '0');
      for (const phone of [`(${a}) 555-0132`, `${a}-555-0132`, `${a}5550132`, `1 ${a} 555 0132`]) {
        const widget = checkField('phone', phone, NOW)?.code ?? null;
        const expected = server('phone', phone)?.code ?? null;
        if (widget !== null && widget !== expected) disagreements.push(`${phone}: widget ${widget}, server ${expected}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('uses the same limits as the shared rules, so too_long names the same maximum', () => {
    expect(fieldError('first_name', 'x'.repeat(101), 'en', NOW)).toBe(MESSAGES.too_long(100));
    expect(fieldError('first_name', 'x'.repeat(101), 'es', NOW)).toBe(MESSAGES_ES.too_long(100));
  });
});

describe('ZIP code and state agree, as the intake API checks them', () => {
  const PAIRS: [string, string][] = [
    ['94107', 'CA'], ['10001', 'CA'], ['10001', 'ny'], ['10001-1234', 'NJ'], ['100011234', 'NY'], ['02903', 'RI'], ['02903', 'MA'],
    ['00901', 'PR'], ['00802', 'VI'], ['00802', 'PR'], ['96799', 'AS'], ['96799', 'HI'], ['96815', 'HI'], ['96910', 'GU'], ['96950', 'MP'],
    ['96910', 'CA'], ['20500', 'DC'], ['20500', 'MD'], ['20166', 'VA'], ['73301', 'TX'], ['73301', 'OK'], ['88510', 'TX'], ['88510', 'NM'],
    ['09001', 'NY'], ['99999', 'AK'], ['00000', 'CA'], ['9410', 'CA'], ['94107', 'XX'], [' 60601 ', ' IL '], ['60601', 'IN'],
  ];

  it.each(PAIRS)('ZIP %s with state %s: same verdict, code and message', (zip, state) => {
    const result = validateSubmission({ ...VALID, zip_code: zip, state }, NOW);
    const expected = result.ok ? null : result.errors.find((e) => e.field === 'zip_code') ?? null;
    const failed = checkField('zip_code', zip, NOW, state);
    expect(failed ? { code: failed.code, message: fieldError('zip_code', zip, 'en', NOW, state) } : null)
      .toEqual(expected ? { code: expected.code, message: expected.message } : null);
  });

  it('names both states on the ZIP code, in the visitor\'s language', () => {
    expect(server('zip_code', '10001')).toBeNull();
    const result = validateSubmission({ ...VALID, zip_code: '10001', state: 'CA' }, NOW);
    expect(result.ok ? [] : result.errors).toEqual([{ field: 'zip_code', code: 'zip_state_mismatch', message: 'ZIP 10001 is in NY, not CA.' }]);
    expect(fieldError('zip_code', '10001', 'es', NOW, 'CA')).toBe('El código postal 10001 es de NY, no de CA.');
    expect(fieldError('zip_code', '10001', 'en', NOW, 'NY')).toBeUndefined();
    // Outside the USA the ZIP is free text and no table applies.
    expect(validateSubmission({ ...VALID, zip_code: '10001', state: 'Ontario', country: 'Canada' }, NOW).ok).toBe(true);
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
