import {
  DATE_PATTERN, EMAIL_PATTERN, NAME_PATTERN, PHONE_PATTERN, PLAIN_TEXT_PATTERN, SLUG_PATTERN, TOKEN_PATTERN, URL_PATTERN,
} from '../../../models/lead-rules.js';
import { REFERENCE_PATTERN } from '../intake.responses.js';
import { NO_CONTROLS } from '../intake.schema.js';
import { NOT_BLANK_PATTERN, inputPattern } from './openapi-text.js';
import { resolve, type JsonSchema, type OpenApiDocument } from './openapi.types.js';

/**
 * JSON Schema constraints in words, for the docs page's field tables:
 * partners read "at most 100 characters; letters, spaces, …" rather than a
 * regular expression. Patterns come from the shared rules, so the words are
 * looked up by the pattern's source; an unknown pattern is shown as is.
 */
const RULE_WORDS: [RegExp, string][] = [
  [NAME_PATTERN, 'letters, spaces, apostrophes, hyphens and periods, starting with a letter'],
  [EMAIL_PATTERN, 'an email address like name@example.com'],
  [PHONE_PATTERN, '7 to 25 digits, spaces, dots, hyphens and brackets, with an optional leading +'],
  [DATE_PATTERN, 'a date as YYYY-MM-DD'],
  [TOKEN_PATTERN, 'letters, digits and hyphens'],
  [SLUG_PATTERN, 'lower-case letters and digits, words joined by - or _'],
  [PLAIN_TEXT_PATTERN, 'no < or >'],
  [URL_PATTERN, 'a full http:// or https:// address'],
];

const PATTERN_WORDS = new Map<string, string | null>([
  // Every text field refuses control characters; the page says so once above the table. Required is its own column.
  [NO_CONTROLS.source, null],
  [NOT_BLANK_PATTERN, null],
  ['^\\s*$', 'blank counts as absent'],
  // A request's text rule appears as written and as the document states it for untidied input (openapi-text.ts).
  ...RULE_WORDS.flatMap(([pattern, words]) => [pattern.source, inputPattern(pattern, false), inputPattern(pattern, true)]
    .map((source): [string, string] => [source, words])),
  [REFERENCE_PATTERN.source, 'LH- and 10 capital letters or digits'],
  ['^[\\x21-\\x7E]+$', 'visible ASCII characters, no spaces'],
  ['^[0-9]+$', 'digits'],
]);

const SAFE_INTEGER = Number.MAX_SAFE_INTEGER;

/** A piece of a type in words; `ref` names a component, for a link. */
export interface TypePart {
  text: string;
  ref?: string;
}

const componentName = (schema: JsonSchema) =>
  typeof schema.$ref === 'string' && schema.$ref.startsWith('#/components/schemas/') ? schema.$ref.slice('#/components/schemas/'.length) : undefined;

/** The type of a value in words: `string`, `integer or null`, `array of object`, or a component's name. */
export function typeWords(schema: JsonSchema): TypePart[] {
  const name = componentName(schema);
  if (name) return [{ text: name, ref: name }];
  const options = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (options) return options.flatMap((option, i) => [...(i > 0 ? [{ text: ' or ' }] : []), ...typeWords(option)]);
  if (schema.const !== undefined) return [{ text: `${JSON.stringify(schema.const)} (always)` }];
  if (Array.isArray(schema.enum)) return [{ text: `one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}` }];
  if (schema.type === 'array' && schema.items) return [{ text: 'array of ' }, ...typeWords(schema.items as JsonSchema)];
  const format = schema.format === 'date-time' ? ' (ISO 8601 date-time)' : schema.format === 'uri' ? ' (URI)' : '';
  return [{ text: `${Array.isArray(schema.type) ? schema.type.join(' or ') : String(schema.type ?? 'any')}${format}` }];
}

const patternsOf = (schema: JsonSchema): string[] => [
  ...(typeof schema.pattern === 'string' && !schema.format ? [schema.pattern] : []),
  ...(typeof schema['x-pattern'] === 'string' ? [schema['x-pattern']] : []),
  ...((schema.allOf as JsonSchema[] | undefined) ?? []).flatMap(patternsOf),
];

/** Limits and formats in words, e.g. `at most 100 characters; letters, spaces, …`. */
export function limitWords(schema: JsonSchema): { words: string[]; patterns: string[] } {
  const options = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (options) {
    const parts = options.map(limitWords);
    return { words: parts.flatMap((p) => p.words), patterns: parts.flatMap((p) => p.patterns) };
  }
  const words: string[] = [];
  if (typeof schema.minLength === 'number' && typeof schema.maxLength === 'number') words.push(`${schema.minLength} to ${schema.maxLength} characters`);
  else if (typeof schema.maxLength === 'number') words.push(`at most ${schema.maxLength} characters`);
  const bound = (key: string, phrase: string) => {
    const value = schema[key];
    if (typeof value === 'number' && Math.abs(value) < SAFE_INTEGER) words.push(`${phrase} ${value}`);
  };
  bound('minimum', 'at least');
  if (schema.type === 'integer' && typeof schema.exclusiveMinimum === 'number') words.push(`at least ${schema.exclusiveMinimum + 1}`);
  else bound('exclusiveMinimum', 'more than');
  bound('maximum', 'at most');
  const unknown: string[] = [];
  for (const pattern of patternsOf(schema)) {
    const phrase = PATTERN_WORDS.get(pattern);
    if (phrase) words.push(phrase);
    else if (phrase === undefined) unknown.push(pattern);
  }
  return { words, patterns: unknown };
}

export interface FieldRow {
  /** A dotted path: `consent.text`, `products[].value`. */
  name: string;
  schema: JsonSchema;
  required: boolean;
  /** Set on the row of a property that is itself a component, so links to it land there. */
  anchor?: string;
}

/**
 * The rows of an object schema's field table, nested objects (and arrays of
 * them) flattened under their parent. A component is expanded only when
 * `expand(name)` says so: one with a table of its own is linked instead.
 */
export function fieldRows(doc: OpenApiDocument, schema: JsonSchema, expand: (name: string) => boolean, prefix = ''): FieldRow[] {
  const object = resolve<JsonSchema>(doc, schema);
  const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((object.required as string[] | undefined) ?? []);
  return Object.entries(properties).flatMap(([key, nullable]) => {
    const name = `${prefix}${key}`;
    // `X or null` (an optional field that may be sent as null) is documented and expanded as X.
    const options = nullable.anyOf as JsonSchema[] | undefined;
    const nonNull = options?.filter((o) => o.type !== 'null');
    const property = options && nonNull?.length === 1 && options.length === 2 ? nonNull[0]! : nullable;
    const row: FieldRow = { name, schema: nullable, required: required.has(key), anchor: componentName(property) };
    const expandable = (s: JsonSchema | undefined) => {
      const ref = s && componentName(s);
      return ref === undefined || expand(ref);
    };
    const target = resolve<JsonSchema>(doc, property);
    if (target.type === 'object' && target.properties && expandable(property)) return [row, ...fieldRows(doc, target, expand, `${name}.`)];
    const items = target.type === 'array' ? target.items as JsonSchema : undefined;
    const item = items && resolve<JsonSchema>(doc, items);
    if (item?.type === 'object' && item.properties && expandable(items)) return [row, ...fieldRows(doc, item, expand, `${name}[].`)];
    return [row];
  });
}
