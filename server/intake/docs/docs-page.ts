import { DOCS_CSS } from './docs-page.css.js';
import { SafeHtml, html, markdown, pretty } from './docs-html.js';
import { authWords, fieldTable, parametersTable, responsesTable, schemaAnchor } from './docs-tables.js';
import type { JsonSchema, Method, OpenApiDocument, Operation } from './openapi.types.js';

/**
 * `/api/docs`: the OpenAPI document as one readable page for partners,
 * rendered on the server. Self-contained (inline CSS, no script, no font or
 * image from elsewhere), so it works offline and without JavaScript; every
 * text from the document is escaped by `html`.
 */

/** Request body schemas appear with their endpoint; every other component gets its own table. */
const REQUEST_SCHEMAS = new Set(['LeadSubmission', 'Consent']);
const expandRequestSchemas = (name: string) => REQUEST_SCHEMAS.has(name);
const METHODS: Method[] = ['post', 'get', 'options'];

interface Located { path: string; method: Method; op: Operation }

function operations(doc: OpenApiDocument): Located[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => (item[method] ? [{ path, method, op: item[method] }] : [])));
}

function find(doc: OpenApiDocument, operationId: string): Located | undefined {
  return operations(doc).find((o) => o.op.operationId === operationId);
}

const exampleOf = (located: Located | undefined, name: string) =>
  located?.op.requestBody?.content['application/json']?.examples?.[name]?.value;

/** Single-quoted for a POSIX shell: a quote inside ends the string, adds an escaped quote, and starts a new one. */
const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function examples(doc: OpenApiDocument): SafeHtml {
  const submit = find(doc, 'submitLead');
  if (!submit) return html``;
  const created = submit.op.responses['201']?.content?.['application/json']?.examples;
  const curl = [
    `curl -sS -X POST "$LEADHARBOR_URL${submit.path}" \\`,
    '  -H "Authorization: Bearer $LEADHARBOR_SECRET_KEY" \\',
    '  -H "Content-Type: application/json" \\',
    '  -H "Idempotency-Key: $(uuidgen)" \\',
    `  --data-binary ${shellQuote(pretty(exampleOf(submit, 'full') ?? {}))}`,
  ].join('\n');
  const answer = created?.secret?.value as { reference?: string } | undefined;
  const fetchExample = `// LEADHARBOR_URL: the address of this LeadHarbor server. Run this on a page whose origin the site key allows.
const idempotencyKey = crypto.randomUUID(); // one per submission: send it again unchanged when you retry

const response = await fetch(\`\${LEADHARBOR_URL}${submit.path}\`, {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    'X-Lead-Key': 'pk_your_site_key',
    'Idempotency-Key': idempotencyKey,
  },
  body: JSON.stringify(${JSON.stringify(exampleOf(submit, 'minimal') ?? {})}),
});
if (response.status === 201) {
  const { reference } = await response.json(); // show it to the visitor
} else if (response.status === 422) {
  const { errors } = await response.json(); // [{ field, code, message }]: show each message beside its field
} else if (response.status === 429 || response.status >= 500) {
  // wait Retry-After seconds, then send the same request with the same Idempotency-Key
}`;
  return html`<section id="examples">
    <h2>Two ways to call</h2>
    <h3>From your server, with a secret key</h3>
    <p>Set <code>LEADHARBOR_URL</code> to this server's address and <code>LEADHARBOR_SECRET_KEY</code> to a key created in LeadHarbor under Integrations.</p>
    <pre><code>${curl}</code></pre>
    <p>The answer:</p>
    <pre><code>HTTP/1.1 201 Created
Location: ${submit.path}/${answer?.reference ?? ''}
Content-Type: application/json

${JSON.stringify(created?.secret?.value ?? {})}</code></pre>
    <h3>From a web page, with a publishable key</h3>
    <pre><code>${fetchExample}</code></pre>
    <p>The page gets only <code>reference</code> and <code>status</code> back: a publishable key never learns whether the person was already known.</p>
  </section>`;
}

function keys(doc: OpenApiDocument): SafeHtml {
  return html`<section id="keys">
    <h2>Keys</h2>
    <table>
      <thead><tr><th>Key</th><th>Send it as</th><th>What it is for</th></tr></thead>
      <tbody>${Object.values(doc.components.securitySchemes).map((scheme) => html`<tr>
        <td>${scheme.type === 'http' ? 'Secret key' : 'Publishable key'}</td>
        <td><code>${scheme.type === 'http' ? `Authorization: Bearer ${scheme.bearerFormat}` : scheme.in === 'query' ? `?${scheme.name}=pk_…` : `${scheme.name}: pk_…`}</code></td>
        <td>${markdown(scheme.description)}</td>
      </tr>`)}</tbody>
    </table>
  </section>`;
}

function requestBody(doc: OpenApiDocument, op: Operation): SafeHtml {
  const body = op.requestBody;
  if (!body) return html``;
  const json = body.content['application/json'];
  const name = typeof json?.schema.$ref === 'string' ? json.schema.$ref.split('/').pop()! : undefined;
  return html`<h4>Request body</h4>
    ${markdown(body.description)}
    <p>Content types: ${Object.keys(body.content).map((type, i) => html`${i > 0 ? ', ' : ''}<code>${type}</code>`)}.</p>
    ${json ? html`${markdown(name ? doc.components.schemas[name]?.description as string | undefined : undefined)}
      <p class="note">No text field accepts control characters (invisible characters such as NUL or escape).</p>
      ${fieldTable(doc, json.schema, expandRequestSchemas, name ? schemaAnchor(name) : undefined)}
      ${Object.values(json.examples ?? {}).map((example) => html`<details><summary>Example: ${example.summary ?? ''}</summary><pre><code>${pretty(example.value)}</code></pre></details>`)}` : ''}`;
}

function operation(doc: OpenApiDocument, { path, method, op }: Located): SafeHtml {
  return html`<article id="${op.operationId}">
    <h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${path}</code> <span class="summary">${op.summary}</span></h3>
    ${markdown(op.description)}
    <p><strong>Authentication:</strong> ${authWords(doc, op)}</p>
    ${parametersTable(doc, op)}
    ${requestBody(doc, op)}
    <h4>Responses</h4>
    ${responsesTable(doc, op)}
  </article>`;
}

function codesOf(doc: OpenApiDocument, component: string): Record<string, unknown>[] {
  const code = ((doc.components.schemas[component]?.properties ?? {}) as Record<string, JsonSchema>).code;
  return (code?.['x-codes'] as Record<string, unknown>[] | undefined) ?? [];
}

function errors(doc: OpenApiDocument): SafeHtml {
  const example = find(doc, 'submitLead')?.op.responses['422']?.content?.['application/problem+json']?.examples?.validation_failed?.value;
  return html`<section id="errors">
    <h2>Errors</h2>
    <p>Every error is <code>application/problem+json</code> (<a href="#${schemaAnchor('Problem')}">Problem</a>). Branch on <code>code</code>; show <code>detail</code> or, for field errors, each <code>message</code>.</p>
    ${example ? html`<pre><code>${pretty(example)}</code></pre>` : ''}
    <h3>Error codes</h3>
    <table><thead><tr><th>Status</th><th>Code</th><th>Meaning</th></tr></thead>
      <tbody>${codesOf(doc, 'Problem').map((c) => html`<tr><td><span class="status err">${c.status}</span></td><td><code>${c.code}</code></td><td>${markdown(String(c.meaning), { inline: true })}</td></tr>`)}</tbody>
    </table>
    <h3>Field error codes</h3>
    <p>The <code>code</code> of each entry in <code>errors</code>, with the message shown to visitors.</p>
    <table><thead><tr><th>Code</th><th>Message</th></tr></thead>
      <tbody>${codesOf(doc, 'FieldError').map((c) => html`<tr><td><code>${c.code}</code></td><td>${c.message}</td></tr>`)}</tbody>
    </table>
  </section>`;
}

/** The whole page, as a string. */
export function renderDocsPage(doc: OpenApiDocument, { openApiPath }: { openApiPath: string }): string {
  const located = operations(doc);
  const schemas = Object.entries(doc.components.schemas).filter(([name]) => !REQUEST_SCHEMAS.has(name));
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${doc.info.title}</title>
<style>${new SafeHtml(DOCS_CSS)}</style>
</head>
<body>
<header>
  <h1>${doc.info.title}</h1>
  <p>${doc.info.summary}</p>
  <p>Version ${doc.info.version} · OpenAPI ${doc.openapi} · <a href="${openApiPath}">openapi.json</a></p>
</header>
<nav aria-label="Contents"><ul>
  <li><a href="#overview">Overview</a></li><li><a href="#keys">Keys</a></li><li><a href="#examples">Examples</a></li>
  ${located.filter((o) => o.method !== 'options').map((o) => html`<li><a href="#${o.op.operationId}">${o.method.toUpperCase()} ${o.path}</a></li>`)}
  <li><a href="#schemas">Response bodies</a></li><li><a href="#errors">Errors</a></li>
</ul></nav>
<main>
  <section id="overview"><h2>Overview</h2>${markdown(doc.info.description)}</section>
  ${keys(doc)}
  ${examples(doc)}
  <section id="endpoints"><h2>Endpoints</h2>${located.map((o) => operation(doc, o))}</section>
  <section id="schemas"><h2>Response bodies</h2>${schemas.map(([name, schema]) => html`<h3 id="${schemaAnchor(name)}">${name}</h3>${markdown(schema.description as string | undefined)}${fieldTable(doc, schema, expandRequestSchemas)}`)}</section>
  ${errors(doc)}
</main>
<footer>Generated from <a href="${openApiPath}">the OpenAPI document</a>, which is generated from the code that checks every request.</footer>
</body>
</html>
`.value;
}
