/**
 * Phones as staff read them. Leads are stored in E.164 (`+13125550119`);
 * screens show `(312) 555-0119` for the North American plan and the
 * international form (`+44 20 7946 0958`) for the rest. A few lines instead
 * of libphonenumber, whose metadata would add ~30 kB gzip to the admin
 * bundle; the number itself was checked by libphonenumber at intake.
 */

const E164 = /^\+[1-9]\d{6,14}$/;

/** ITU calling codes of one and two digits; every other code has three. */
const SHORT_CODES = new Set([
  '1', '7', '20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45', '46', '47', '48', '49',
  '51', '52', '53', '54', '55', '56', '57', '58', '60', '61', '62', '63', '64', '65', '66', '81', '82', '84', '86',
  '90', '91', '92', '93', '94', '95', '98',
]);

function callingCode(digits: string): string {
  return digits.slice(0, [1, 2].find((n) => SHORT_CODES.has(digits.slice(0, n))) ?? 3);
}

/** Splits digits into groups of the given sizes, the last group taking the rest. */
function groups(digits: string, sizes: number[]): string {
  const parts: string[] = [];
  let rest = digits;
  for (const size of sizes) {
    if (rest.length <= size) break;
    parts.push(rest.slice(0, size));
    rest = rest.slice(size);
  }
  return [...parts, rest].join(' ');
}

/** UK numbers: London and the other 2x areas read 2-4-4, the rest (mobiles, 1xxx areas) 4-6. */
function ukNational(national: string): string {
  return groups(national, national.startsWith('2') ? [2, 4] : [4]);
}

/** Any other plan: groups of three, ending in one or two groups of four so that no group is shorter than three. */
function genericNational(national: string): string {
  const n = national.length;
  if (n <= 5) return national;
  const fours = [0, 1, 2][n % 3]!;
  return groups(national, Array<number>((n - 4 * fours) / 3).fill(3).concat(Array<number>(fours).fill(4)));
}

/** `+13125550119` → `(312) 555-0119`; `+442079460958` → `+44 20 7946 0958`; anything not E.164 is returned as stored. */
export function formatPhone(value: string): string {
  if (!E164.test(value)) return value;
  const digits = value.slice(1);
  const code = callingCode(digits);
  const national = digits.slice(code.length);
  if (code === '1' && national.length === 10) return `(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`;
  return `+${code} ${code === '44' ? ukNational(national) : genericNational(national)}`;
}

/** The `tel:` link of an E.164 number, or null for a value that is not one (a link to it could dial the wrong person). */
export function telHref(value: string): string | null {
  return E164.test(value) ? `tel:${value}` : null;
}
