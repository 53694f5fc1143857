import { escapeHtml } from '../../http/escape-html.js';

/**
 * Safe HTML building for the docs page. Every interpolated value is escaped
 * unless it is already `SafeHtml` (made by `html` itself), so text from the
 * OpenAPI document (descriptions, examples, patterns) can never become
 * markup, whatever it contains.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}


function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** A template tag: `html\`<p>${text}</p>\`` escapes `text`; nested `html` results and arrays of them are kept. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, part, i) => out + render(values[i - 1]) + part));
}

/**
 * The few Markdown forms the document's descriptions use: paragraphs,
 * `code` and **bold**. The text is escaped first, so only these delimiters
 * ever turn into tags.
 */
export function markdown(text: string | undefined, { inline = false } = {}): SafeHtml {
  if (!text) return new SafeHtml('');
  const spans = (paragraph: string) => escapeHtml(paragraph)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
  if (inline) return new SafeHtml(spans(text));
  return new SafeHtml(text.split(/\n{2,}/).map((p) => `<p>${spans(p.trim())}</p>`).join(''));
}

/** A JSON value as indented text for a `<pre>` block (escaped when interpolated). */
export const pretty = (value: unknown): string => JSON.stringify(value, null, 2);
