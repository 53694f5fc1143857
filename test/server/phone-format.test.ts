import { formatPhone, telHref } from '../../server/admin/components/phone-format.js';

describe('phones formatted for reading', () => {
  it('shows a North American number as (312) 555-0119', () => {
    expect(formatPhone('+13125550119')).toBe('(312) 555-0119');
    expect(formatPhone('+14165550123')).toBe('(416) 555-0123'); // Canada shares the plan
  });

  it('shows other numbers in international format', () => {
    expect(formatPhone('+442079460958')).toBe('+44 20 7946 0958');
    expect(formatPhone('+447911123456')).toBe('+44 7911 123456');
    expect(formatPhone('+34612345678')).toBe('+34 612 345 678');
    expect(formatPhone('+79161234567')).toBe('+7 916 123 4567');
    expect(formatPhone('+971501234567')).toBe('+971 501 234 567');
    expect(formatPhone('+4930123456')).toBe('+49 3012 3456');
  });

  it('keeps every digit of the number, in order', () => {
    for (const phone of ['+13125550119', '+442079460958', '+525512345678', '+35312345678', '+8613812345678']) {
      expect(`+${formatPhone(phone).replace(/\D/g, '')}`.replace(/^\+(\d{10})$/, '+1$1')).toBe(phone);
    }
  });

  it('leaves a value that is not E.164 as it was stored, and gives it no tel: link', () => {
    for (const value of ['555', '(312) 555-0119', '+0123456789', '', '+1 312 555 0119']) {
      expect(formatPhone(value)).toBe(value);
      expect(telHref(value)).toBeNull();
    }
  });

  it('dials the stored E.164 value', () => {
    expect(telHref('+13125550119')).toBe('tel:+13125550119');
  });
});
