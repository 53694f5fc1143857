import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import type { Response } from 'supertest';
import { openApiDocument } from '../../server/intake/docs/openapi.js';
import { resolve, type Method, type ResponseObject } from '../../server/intake/docs/openapi.types.js';

/**
 * Checks real answers against the intake API's OpenAPI document, looking
 * each schema up in the document itself (never a copy in the test), so a
 * test fails when the code and the published contract disagree.
 */

// ajv-formats is CommonJS: its plugin is the default export of the module's default.
export const addFormats = formats.default;

const doc = openApiDocument();
const DOC_ID = 'leadharbor-openapi.json';
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
// The document as a schema resource, so any schema in it can be reached by a JSON pointer.
ajv.addSchema(structuredClone(doc) as object, DOC_ID);

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

export type Validator = ReturnType<typeof ajv.compile>;

/** The schema at a path in the document (`'components', 'schemas', 'Receipt'`), compiled. */
export function validator(...path: string[]): Validator {
  return ajv.compile({ $ref: `${DOC_ID}#/${pointer(...path)}` });
}

export const component = (name: string): Validator => validator('components', 'schemas', name);

export function expectValid(validate: Validator, value: unknown, what: string): void {
  if (!validate(value)) throw new Error(`${what} does not match the document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value)}`);
}

/**
 * Checks a real answer against what the document declares for its path,
 * method and status: the status is listed, the content type is one of the
 * response's, the body matches that media type's schema, an error's code is
 * one of the codes listed for that status, and every required header is
 * there. Returns the documented response.
 */
export function expectDocumented(res: Response, path: string, method: Method): ResponseObject {
  const op = doc.paths[path]?.[method];
  if (!op) throw new Error(`${method.toUpperCase()} ${path} is not in the document`);
  const status = String(res.status);
  const documented = op.responses[status];
  if (!documented) throw new Error(`${method.toUpperCase()} ${path} answered ${status}, which the document does not list: ${res.text}`);
  if (documented.content) {
    const mediaType = String(res.headers['content-type'] ?? '').split(';')[0]!;
    expect(Object.keys(documented.content)).toContain(mediaType);
    expectValid(validator('paths', path, method, 'responses', status, 'content', mediaType, 'schema'), res.body, `${method} ${path} ${status}`);
    if (mediaType === 'application/problem+json') expect(Object.keys(documented.content[mediaType]!.examples ?? {})).toContain(res.body.code);
  } else {
    expect(res.text ?? '').toBe('');
  }
  for (const [name, header] of Object.entries(documented.headers ?? {})) {
    if (resolve(doc, header).required) expect({ [name]: res.headers[name.toLowerCase()] }).toEqual({ [name]: expect.any(String) });
  }
  return documented;
}

/**
 * Checks a request body a test sends against what the document declares for
 * its path, method and media type, as a partner's validator would before
 * sending it. A `text/plain` body is a string whose content (the JSON inside)
 * must match the media type's `contentSchema`.
 */
export function expectRequestDocumented(body: unknown, path: string, method: Method, mediaType = 'application/json'): void {
  const at = ['paths', path, method, 'requestBody', 'content', mediaType, 'schema'];
  expectValid(validator(...at), body, `A ${mediaType} request to ${method} ${path}`);
  if (mediaType === 'text/plain') expectValid(validator(...at, 'contentSchema'), JSON.parse(body as string), `The JSON inside a text/plain request to ${method} ${path}`);
}
