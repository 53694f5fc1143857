import type { JsonSchema } from './openapi.types.js';

/**
 * How a tidied text field is described in the OpenAPI document. The server
 * trims before it checks and treats a blank optional field as absent, so
 * the document states each rule for the raw input a client sends: `"  Maria  "`
 * and `"phone": ""` validate against the document as they do against the
 * server. Patterns are written for validators without Unicode mode; one that
 * needs `\p{…}` classes is described instead, and carried in `x-pattern`.
 */
export interface TextFieldRule {
  /** The limit on the tidied text; absent from the document when the pattern itself fixes the length (a date). */
  max: number;
  fixedLength?: boolean;
  pattern?: RegExp;
  optional: boolean;
  /** The control-character check every text field has. */
  noControls: RegExp;
}

/** Not blank: what a required field needs when its own pattern cannot be in the document. */
export const NOT_BLANK_PATTERN = '\\S';

const needsUnicodeMode = (pattern: RegExp) => /\\[pP]\{/.test(pattern.source);

/** The rule's anchored pattern, widened to allow surrounding whitespace, and a blank value when the field is optional. */
export function inputPattern(pattern: RegExp, optional: boolean): string {
  // A JSON Schema pattern has no flags: an `i` rule would be stricter in the document than on the server.
  if (pattern.flags.replace('u', '') !== '') throw new Error(`${pattern} has flags a document pattern cannot carry`);
  // tidy() collapses any run of whitespace to one space, so where the rule allows a space the input may hold a tab or line break.
  const inner = pattern.source.replace(/^\^/, '').replace(/\$$/, '').replace(/ /g, '\\s');
  return optional ? `^\\s*(?:(?:${inner})\\s*)?$` : `^\\s*(?:${inner})\\s*$`;
}

/** The JSON schema of a text field's input (an optional one may also be null). */
export function textFieldSchema({ max, fixedLength, pattern, optional, noControls }: TextFieldRule): JsonSchema {
  const checks: JsonSchema[] = [{ pattern: noControls.source }];
  let extension: JsonSchema = {};
  if (pattern && !needsUnicodeMode(pattern)) {
    checks.push({ pattern: inputPattern(pattern, optional) });
  } else {
    if (pattern) extension = { 'x-pattern': inputPattern(pattern, optional) };
    if (!optional) checks.push({ pattern: NOT_BLANK_PATTERN });
  }
  // maxLength counts the raw input, the server the tidied text: where the pattern fixes the length, a padded value must not fail on it.
  const text: JsonSchema = { type: 'string', ...(fixedLength ? {} : { maxLength: max }), allOf: checks, ...extension };
  return optional ? { anyOf: [text, { type: 'null' }] } : text;
}
