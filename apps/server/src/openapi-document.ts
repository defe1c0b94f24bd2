import { createBookingShapes, type ProcedureAccess, SESSION_COOKIE } from '@carhub/api';
import type { AnyRouter } from '@trpc/server';
import type { OpenAPIObject } from 'trpc-to-openapi';
import { getInputOutputParsers } from 'trpc-to-openapi';
import { z } from 'zod';
import { createSchema } from 'zod-openapi';
import { restOperations } from './rest-requests';

export const ERROR_REF = '#/components/schemas/Error';

/** The schemes a signed-in operation accepts: either one. */
export const securitySchemes = {
  Authorization: {
    type: 'http',
    scheme: 'bearer',
    description:
      'A session token from `POST /api/auth/login` or `POST /api/auth/register`, or an API key (`chk_...`) from `POST /api/api-keys`',
  },
  ApiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An API key from `POST /api/api-keys`' },
  SessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description:
      'The session cookie browsers get from signing in; a state-changing call with only the cookie must come from this site or an origin in CORS_ORIGINS',
  },
} as const;

const SIGNED_IN = [{ Authorization: [] }, { ApiKey: [] }, { SessionCookie: [] }];

/** Every tag an operation may carry, with what it groups. A tag used but not listed here fails the document test. */
export const tagDescriptions: Record<string, string> = {
  auth: 'Accounts, sign-in, sessions and password reset',
  health: 'Liveness of the API and its database',
  cars: "A signed-in user's own garage: cars, their photos, calendar feeds and logbook (odometer, fuel, services, reminders, costs)",
  inventory: "The showroom's stock: the public catalogue, test-drive slots and staff stock management",
  bookings: 'Rentals and test drives, and their approval workflow',
  notifications: "The caller's in-app notifications",
  sales: 'Sales of stock cars to customers (staff and admins)',
  staff: 'Staff members and their metrics',
  admin: 'Administration: users, webhooks, API keys, the audit log, showroom settings and CSV exports',
  'api-keys': "The caller's own API keys for scripts and internal tools (with a session, never with a key)",
};

const accessSentence: Record<ProcedureAccess, string> = {
  public: 'Anyone may call this; no credentials needed.',
  signedIn: 'Needs a signed-in user (Bearer token, API key or session cookie).',
  staff: 'Staff and admins only.',
  admin: 'Admins only.',
};

const retryAfterHeader = {
  'Retry-After': {
    description: 'Seconds to wait before trying again',
    schema: { type: 'integer', minimum: 0 },
  },
};

type Json = Record<string, unknown>;
type Operation = Json & { responses?: Record<string, Json>; security?: unknown; requestBody?: Json };

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Marks every instant the procedures take or answer (zod dates) as `format: date-time`: on
 * the REST side they are ISO 8601 strings, which zod-openapi alone renders as a bare string.
 */
export function markInstants(router: AnyRouter): void {
  const seen = new Set<unknown>();
  const visit = (schema: unknown) => {
    if (!schema || typeof schema !== 'object' || seen.has(schema) || !('_zod' in schema)) return;
    seen.add(schema);
    const zodSchema = schema as z.ZodType;
    const def = zodSchema._zod.def as unknown as Json & { type: string };
    if (def.type === 'date') {
      z.globalRegistry.add(zodSchema, { ...z.globalRegistry.get(zodSchema), format: 'date-time' });
      return;
    }
    for (const value of Object.values(def)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object' && '_zod' in value) visit(value);
      else if (value && typeof value === 'object' && !('_zod' in value)) Object.values(value).forEach(visit);
    }
  };
  for (const procedure of Object.values(router._def.procedures as Record<string, never>)) {
    const { inputParser, outputParser } = getInputOutputParsers(procedure);
    visit(inputParser);
    visit(outputParser);
  }
}

/**
 * What the adapter's generator can't say, added from the same router: the one Error schema
 * behind every error response, who may call each operation (from its base procedure), a
 * description of each, 413 and 415 where a body is read, Retry-After on 429, the declared
 * tags, and bookings.create's body as a oneOf of its three shapes.
 */
export function finishDocument(document: OpenAPIObject, router: AnyRouter): OpenAPIObject {
  const access = new Map(
    restOperations(router).map((op) => [op.procedurePath.replaceAll('.', '-'), op.access] as const),
  );
  const usedTags = new Set<string>();
  for (const pathItem of Object.values(document.paths ?? {}) as Json[]) {
    for (const method of METHODS) {
      const operation = pathItem[method] as Operation | undefined;
      if (!operation) continue;
      const operationId = String(operation.operationId);
      const who = access.get(operationId);
      if (who !== undefined) {
        operation.security = who === 'public' ? [] : SIGNED_IN;
        operation.description = [operation.description, accessSentence[who]].filter(Boolean).join(' ');
      } else {
        // Plain routes (upload, exports, calendar feed) declare whether they need a caller.
        operation.security = Array.isArray(operation.security) && operation.security.length > 0 ? SIGNED_IN : [];
        operation.description ??= operation.summary;
      }
      for (const tag of (operation.tags as string[] | undefined) ?? []) usedTags.add(tag);
      finishResponses(operation, method);
      optionalBodyWhenNoFieldIsRequired(operation);
      if (operationId === 'bookings-create') bookingCreateOneOf(document, operation);
    }
  }
  if (document.components?.schemas) {
    for (const name of Object.keys(document.components.schemas)) {
      if (name.startsWith('error.')) delete document.components.schemas[name];
    }
  }
  document.components = { ...document.components, securitySchemes };
  document.tags = [...usedTags].sort().map((name) => ({ name, description: tagDescriptions[name] ?? '' }));
  return document;
}

function finishResponses(operation: Operation, method: string): void {
  const responses = operation.responses ?? {};
  const readsBody = operation.requestBody !== undefined || method === 'post' || method === 'put' || method === 'patch';
  if (readsBody) {
    responses['413'] ??= { description: 'The body is larger than the server takes (BODY_LIMIT_BYTES)' };
    responses['415'] ??= { description: 'The body is not JSON' };
  }
  for (const [status, response] of Object.entries(responses)) {
    if (Number(status) < 400) continue;
    response.content = { 'application/json': { schema: { $ref: ERROR_REF } } };
    if (status === '429') response.headers = { ...(response.headers as Json | undefined), ...retryAfterHeader };
  }
  operation.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b)));
}

/** bookings.create's body as its three shapes, each a component rendered from its zod schema as an input. */
/**
 * The generator marks a body required whenever the input is (its path id is), so clients would
 * have to send `{}` to approve a booking or log out: a body none of whose fields is required is
 * optional, as the server takes it (rest-requests.ts).
 */
function optionalBodyWhenNoFieldIsRequired(operation: Operation): void {
  const body = operation.requestBody;
  const schema = (body?.content as Record<string, Json> | undefined)?.['application/json']?.schema as Json | undefined;
  if (!body || !schema || schema.oneOf) return;
  const required = schema.required;
  if (!Array.isArray(required) || required.length === 0) body.required = false;
}

function bookingCreateOneOf(document: OpenAPIObject, operation: Operation): void {
  const json = (operation.requestBody?.content as Record<string, Json> | undefined)?.['application/json'];
  if (!json) return;
  const schemas = { ...document.components?.schemas };
  for (const [name, shape] of Object.entries(createBookingShapes)) {
    schemas[name] = createSchema(shape, { io: 'input', openapiVersion: '3.1.0' }).schema;
  }
  document.components = { ...document.components, schemas };
  json.schema = { oneOf: Object.keys(createBookingShapes).map((name) => ({ $ref: `#/components/schemas/${name}` })) };
}
