import { LEAD_BADGE_FIELDS, leadBadge } from '../../server/admin/components/badge-colours.js';
import { LEAD_PRIORITIES, LEAD_STATUSES } from '../../models/value-sets.js';
import { AA_NORMAL_TEXT, contrastRatio, relativeLuminance } from '../support/contrast.js';

const fields = Object.entries(LEAD_BADGE_FIELDS);

describe('status and priority badge colours', () => {
  it('computes contrast as WCAG defines it (black on white 21:1, a colour on itself 1:1)', () => {
    expect(contrastRatio('#000000', '#FFFFFF')).toBeCloseTo(21, 5);
    expect(contrastRatio('rgb(255, 255, 255)', '#fff')).toBe(1);
    expect(relativeLuminance('#808080')).toBeCloseTo(0.2159, 3);
    expect(contrastRatio('#777777', '#FFFFFF')).toBeLessThan(AA_NORMAL_TEXT); // the classic near miss: 4.48
  });

  it('has a colour for every status and every priority in the value sets, and none for a value outside them', () => {
    expect(Object.keys(LEAD_BADGE_FIELDS.status.colours).sort()).toEqual([...LEAD_STATUSES].sort());
    expect(Object.keys(LEAD_BADGE_FIELDS.priority.colours).sort()).toEqual([...LEAD_PRIORITIES].sort());
    expect(leadBadge('status', 'won')).toBeNull();
    expect(leadBadge('status', 'toString')).toBeNull();
    expect(leadBadge('priority', 'high')).toEqual({ label: 'High', colours: LEAD_BADGE_FIELDS.priority.colours.high });
  });

  it.each(fields)('gives every %s badge text on its background at least WCAG AA contrast (4.5:1)', (_field, { values, colours }) => {
    for (const value of values) {
      const { text, background } = (colours as Record<string, { text: string; background: string }>)[value]!;
      // The value is named in the failure, so a new colour that misses AA says which.
      expect({ value, passesAA: contrastRatio(text, background) >= AA_NORMAL_TEXT }).toEqual({ value, passesAA: true });
    }
  });

  it.each(fields)('gives no two %s values the same background or the same text colour', (_field, { values, colours }) => {
    const pairs = values.map((v) => (colours as Record<string, { text: string; background: string }>)[v]!);
    expect(new Set(pairs.map((p) => p.background.toLowerCase())).size).toBe(values.length);
    expect(new Set(pairs.map((p) => p.text.toLowerCase())).size).toBe(values.length);
  });
});
