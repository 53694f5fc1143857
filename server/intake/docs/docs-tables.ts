import { html, markdown, type SafeHtml } from './docs-html.js';
import { fieldRows, limitWords, typeWords, type FieldRow, type TypePart } from './docs-schema-words.js';
import { resolve, type JsonSchema, type OpenApiDocument, type Operation, type Parameter } from './openapi.types.js';

/**
 * The docs page's tables: fields of a schema, parameters and responses of an
 * operation. Everything shown comes from the OpenAPI document; every value
 * goes through `html`, which escapes it.
 */

export const schemaAnchor = (name: string) => `schema-${name}`;

function typeCell(parts: TypePart[]): SafeHtml {
  return html`${parts.map((p) => (p.ref ? html`<a href="#${schemaAnchor(p.ref)}"><code>${p.text}</code></a>` : p.text))}`;
}

function exampleCell(example: unknown): SafeHtml {
  if (example === undefined) return html``;
  return html`<code>${typeof example === 'string' ? example : JSON.stringify(example)}</code>`;
}

function limitsCell(schema: JsonSchema): SafeHtml {
  const { words, patterns } = limitWords(schema);
  return html`${words.join('; ')}${patterns.map((p, i) => html`${words.length + i > 0 ? '; ' : ''}matches <code>${p}</code>`)}`;
}

function fieldRow(doc: OpenApiDocument, row: FieldRow): SafeHtml {
  const target = resolve<JsonSchema>(doc, row.schema);
  const description = (row.schema.description ?? target.description) as string | undefined;
  const examples = (row.schema.examples ?? target.examples) as unknown[] | undefined;
  return html`<tr${row.anchor ? html` id="${schemaAnchor(row.anchor)}"` : ''}>
    <td class="name"><code>${row.name}</code></td>
    <td>${typeCell(typeWords(row.schema))}</td>
    <td>${row.required ? html`<span class="req">required</span>` : html`<span class="opt">optional</span>`}</td>
    <td>${limitsCell(target)}</td>
    <td>${markdown(description)}</td>
    <td class="hide-narrow">${exampleCell(examples?.[0])}</td>
  </tr>`;
}

/** Every field of an object schema, nested ones as `parent.child`; components for which `expand` is false are linked, not expanded. */
export function fieldTable(doc: OpenApiDocument, schema: JsonSchema, expand: (name: string) => boolean, id?: string): SafeHtml {
  return html`<table${id ? html` id="${id}"` : ''}>
    <thead><tr><th>Field</th><th>Type</th><th>Required</th><th>Limits</th><th>Description</th><th class="hide-narrow">Example</th></tr></thead>
    <tbody>${fieldRows(doc, schema, expand).map((row) => fieldRow(doc, row))}</tbody>
  </table>`;
}

export function parametersTable(doc: OpenApiDocument, op: Operation): SafeHtml {
  const parameters = (op.parameters ?? []).map((p) => resolve<Parameter>(doc, p));
  if (parameters.length === 0) return html``;
  return html`<h4>Parameters</h4>
  <table>
    <thead><tr><th>Name</th><th>In</th><th>Required</th><th>Limits</th><th>Description</th></tr></thead>
    <tbody>${parameters.map((p) => html`<tr>
      <td><code>${p.name}</code></td><td>${p.in}</td>
      <td>${p.required ? html`<span class="req">required</span>` : html`<span class="opt">optional</span>`}</td>
      <td>${limitsCell(p.schema)}</td>
      <td>${markdown(p.description)}${p.example !== undefined ? html`<p>Example: ${exampleCell(p.example)}</p>` : ''}</td>
    </tr>`)}</tbody>
  </table>`;
}

export function responsesTable(doc: OpenApiDocument, op: Operation): SafeHtml {
  return html`<table>
    <thead><tr><th>Status</th><th>Meaning</th><th>Headers</th><th>Body</th></tr></thead>
    <tbody>${Object.entries(op.responses).map(([status, response]) => html`<tr>
      <td><span class="status ${Number(status) < 400 ? 'ok' : 'err'}">${status}</span></td>
      <td>${markdown(response.description)}</td>
      <td>${Object.entries(response.headers ?? {}).map(([name, item]) => {
        const header = resolve(doc, item);
        return html`<p><code>${name}</code>${header.required ? '' : ' (sometimes)'}: ${markdown(header.description, { inline: true })}</p>`;
      })}</td>
      <td>${Object.entries(response.content ?? {}).map(([mediaType, media]) => html`<p><code>${mediaType}</code>${
        media.schema.$ref || media.schema.oneOf ? html`: ${typeCell(typeWords(media.schema))}` : ''}</p>`)}</td>
    </tr>`)}</tbody>
  </table>`;
}

/** How an operation authenticates, in words, from its security requirements. */
export function authWords(doc: OpenApiDocument, op: Operation): SafeHtml {
  if (op.security.length === 0) return html`none`;
  return html`${op.security.flatMap(Object.keys).map((name, i) => {
    const scheme = doc.components.securitySchemes[name]!;
    const how = scheme.type === 'http' ? html`<code>Authorization: Bearer sk_…</code> (secret key)`
      : scheme.in === 'query' ? html`<code>?${scheme.name}=pk_…</code> (publishable key)` : html`<code>${scheme.name}: pk_…</code> (publishable key)`;
    return html`${i > 0 ? ' or ' : ''}${how}`;
  })}`;
}
