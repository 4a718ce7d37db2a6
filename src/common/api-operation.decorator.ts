import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { VIEW_SCHEMAS } from './api-view-schemas';
import { PROBLEM_CONTENT_TYPE } from './problem';

/** The error statuses an operation answers, each with the domain codes it can carry there. */
export type Problems = Partial<Record<400 | 403 | 404 | 409 | 415 | 422, string[]>>;

/**
 * One operation of the OpenAPI document: its summary, its success answer (a schema of api-view-schemas.ts,
 * or none for 204) and the problems it answers with their codes. 401, 429 and 500 go on every operation
 * (withProblemResponses), and every error answer is application/problem+json (RFC 9457).
 */
export function ApiOp(options: {
  summary: string;
  status?: 200 | 201 | 204;
  schema?: keyof typeof VIEW_SCHEMAS;
  isArray?: boolean;
  /** A success answer that is not JSON (an NDJSON export, a PDF): its media types. */
  produces?: string | string[];
  problems?: Problems;
}): MethodDecorator {
  const status = options.status ?? 200;
  // A JSON answer without its schema would leave a generated client with an untyped object to cast.
  if (status !== 204 && !options.produces && !options.schema)
    throw new Error(`ApiOp "${options.summary}": a JSON answer needs its schema (api-view-schemas.ts)`);
  const ref = { $ref: `#/components/schemas/${options.schema ?? ''}` };
  const success =
    status === 204
      ? ApiResponse({ status, description: 'Done; no content' })
      : options.produces
        ? ApiResponse({
            status,
            description: `The file: ${[options.produces].flat().join(' or ')}`,
            content: Object.fromEntries(
              [options.produces].flat().map((type) => [type, { schema: { type: 'string' } }]),
            ),
          })
        : ApiResponse({
            status,
            description: options.schema ?? 'The answer',
            schema: options.isArray ? { type: 'array', items: ref } : ref,
          });
  const problems = Object.entries(options.problems ?? {}).map(([code, codes]) =>
    ApiResponse({ status: Number(code), description: `Problem (RFC 9457); code: ${codes!.join(' | ')}` }),
  );
  return applyDecorators(ApiOperation({ summary: options.summary }), success, ...problems);
}

const COMMON_PROBLEMS: Record<string, string> = {
  '401': 'Problem (RFC 9457); code: auth.unauthenticated (no key, an unknown or a revoked key)',
  '429': 'Problem (RFC 9457): over the rate limit (IPR_RATE_LIMIT_PER_MINUTE); see Retry-After',
  '500': 'Problem (RFC 9457): an unexpected error, with the errorId under which it was logged',
};

/**
 * Completes the generated document: the view schemas, 401/429/500 on every operation (but 401 and 429 on
 * the health probe, which needs no key and is never limited), and every error answer as
 * application/problem+json with the Problem schema.
 */
export function withProblemResponses(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    schemas: { ...(document.components?.schemas ?? {}), ...(VIEW_SCHEMAS as Record<string, object>) },
  };
  nullAsType(document.components.schemas);
  const problem = { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item)) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      const responses = operation.responses as Record<string, { description: string; content?: unknown }>;
      // The routes that need no key: the health probe and the published reports.
      const open = path.endsWith('/health') || path.includes('/public/');
      if (open) (operation as { security?: unknown[] }).security = []; // no key needed, said explicitly
      for (const [status, description] of Object.entries(COMMON_PROBLEMS))
        if (!(open && status === '401') && !(path.endsWith('/health') && status === '429'))
          responses[status] ??= { description };
      for (const [status, response] of Object.entries(responses))
        if (Number(status) >= 400) response.content = problem;
    }
  }
  return document;
}

/**
 * OpenAPI 3.1 schemas are JSON Schema 2020-12, where `nullable` does not exist: a DTO property declared
 * `nullable: true` (the OpenAPI 3.0 way @nestjs/swagger still writes) becomes a null type of its own.
 */
function nullAsType(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(nullAsType);
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Record<string, unknown>;
  if (schema.nullable === true) {
    delete schema.nullable;
    if (typeof schema.type === 'string') schema.type = [schema.type, 'null'];
    else if (!Array.isArray(schema.type)) {
      const { description, ...rest } = schema;
      for (const key of Object.keys(rest)) delete schema[key];
      schema.anyOf = [rest, { type: 'null' }];
      if (description !== undefined) schema.description = description;
    }
  }
  for (const value of Object.values(schema)) nullAsType(value);
}
