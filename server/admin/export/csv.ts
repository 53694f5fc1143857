/** A cell as the exporter hands it over: text, a number, or nothing (an empty cell). */
export type CsvValue = string | number | null | undefined;

/**
 * First characters that make Excel, LibreOffice or Google Sheets read a cell
 * as a formula: OWASP's list (= + - @ tab CR), NUL from ASVS 1.2.10, and the
 * full-width forms some spreadsheets also accept.
 */
const FORMULA_START = /^[=+\-@\t\r\0\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * A phone number or a plain number: an optional sign, then only digits and
 * phone punctuation (space, dot, hyphen, parentheses). With no letter there
 * can be no function name and no cell reference, so a spreadsheet can at
 * worst do arithmetic on it; nothing runs and nothing is fetched. These are
 * left as they are, so E.164 phones (`+12065550142`) and negative amounts
 * survive an export intact.
 */
const PLAIN_NUMBER = /^[+-]?\d[\d ().-]*$/;

/** RFC 4180 §2.6: a field holding a comma, a double quote, CR or LF must be quoted. */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Keeps a spreadsheet from running a cell as a formula: text that starts like
 * one, and is not a plain phone or number, gets a leading `'`, which
 * spreadsheets treat as "this is text" (CWE-1236).
 */
function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** One CSV field: formula-neutralised, then quoted with doubled quotes when RFC 4180 requires it. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = neutraliseFormula(String(value));
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, terminated by CRLF as RFC 4180 §2.1 specifies. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
