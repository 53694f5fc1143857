/**
 * The parts of OpenAPI 3.1 that LeadHarbor's document uses, typed so the
 * builder (openapi.ts) cannot misspell a key and the docs page
 * (docs-page.ts) can walk the document without casts. Schemas are JSON
 * Schema 2020-12 objects as zod emits them.
 */
export type JsonSchema = { [keyword: string]: unknown };

export interface Example {
  summary?: string;
  description?: string;
  value: unknown;
}

export interface MediaType {
  schema: JsonSchema;
  examples?: Record<string, Example>;
}

export interface Header {
  description: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface Reference {
  $ref: string;
}

export interface Parameter {
  name: string;
  in: 'header' | 'query' | 'path' | 'cookie';
  description: string;
  required?: boolean;
  schema: JsonSchema;
  example?: unknown;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, Header | Reference>;
  content?: Record<string, MediaType>;
}

export interface Operation {
  operationId: string;
  tags: string[];
  summary: string;
  description: string;
  security: Record<string, string[]>[];
  parameters?: (Parameter | Reference)[];
  requestBody?: { description: string; required: boolean; content: Record<string, MediaType> };
  responses: Record<string, ResponseObject>;
}

export type Method = 'get' | 'post' | 'options';
export type PathItem = Partial<Record<Method, Operation>>;

export type SecurityScheme =
  | { type: 'apiKey'; in: 'header' | 'query'; name: string; description: string }
  | { type: 'http'; scheme: 'bearer'; bearerFormat: string; description: string };

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; summary: string; description: string; license: { name: string; identifier: string } };
  servers: { url: string; description?: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, PathItem>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, SecurityScheme>;
    parameters: Record<string, Parameter>;
    headers: Record<string, Header>;
  };
}

/** Follows a local `#/components/...` reference; anything else is returned as is. */
export function resolve<T>(doc: OpenApiDocument, item: T | Reference): T {
  if (typeof item !== 'object' || item === null || !('$ref' in item) || typeof item.$ref !== 'string' || !item.$ref.startsWith('#/')) return item as T;
  let node: unknown = doc;
  for (const part of item.$ref.slice(2).split('/')) {
    node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node as T;
}
