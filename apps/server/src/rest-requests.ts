import { AppError, assertAccess, type Context, type ProcedureAccess, procedureAccess } from '@carhub/api';
import type { AnyProcedure, AnyRouter } from '@trpc/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  type coerceSchema,
  getInputOutputParsers,
  getPathParameters,
  getPathRegExp,
  instanceofZodTypeLikeVoid,
  instanceofZodTypeObject,
  normalizePath,
  unwrapZodType,
} from 'trpc-to-openapi';
import { ZodArray, ZodOptional } from 'zod';
import { sendRestError } from './error-reply';
import { jsonShapeProblem } from './json-shape';

/** One REST operation the adapter serves, as the request rules need it. */
export interface RestOperation {
  method: string;
  /** The template of meta.openapi.path, e.g. `/bookings/{id}/approve`. */
  path: string;
  procedurePath: string;
  procedure: AnyProcedure;
  access: ProcedureAccess;
  /** The query parameters a GET or DELETE takes (its input's fields that are not in the path). */
  queryKeys: string[];
  /** Matches the normalized path (after the prefix) case-insensitively, naming the path parameters. */
  pattern: RegExp;
  /** The path as a fastify route, e.g. `/bookings/:id/approve`. */
  url: string;
  type: 'query' | 'mutation';
  /** False when the input is void-like: the call gets no input at all. */
  takesInput: boolean;
  /** The input fields that are lists: one query value is a list of one. */
  arrayKeys: ReadonlySet<string>;
  /** The input schema when it is an object (what the adapter makes coercive). */
  objectInput: ZodObjectLike | null;
}

type ZodObjectLike = Parameters<typeof coerceSchema>[0];

interface OpenApiProcedureMeta {
  openapi?: { method?: string; path?: string; enabled?: boolean };
}

/** Every procedure with meta.openapi, keyed the way the adapter routes them. */
export function restOperations(router: AnyRouter): RestOperation[] {
  const procedures = router._def.procedures as Record<string, AnyProcedure>;
  return Object.entries(procedures).flatMap(([procedurePath, procedure]) => {
    const openapi = (procedure._def.meta as OpenApiProcedureMeta | undefined)?.openapi;
    if (!openapi?.method || !openapi.path || openapi.enabled === false) return [];
    const path = normalizePath(openapi.path);
    const pathParameters = getPathParameters(path);
    const input = unwrapZodType(getInputOutputParsers(procedure).inputParser, true);
    const shape: Record<string, unknown> = instanceofZodTypeObject(input) ? input.shape : {};
    const fields = Object.keys(shape);
    const isList = (field: unknown) =>
      field instanceof ZodArray ||
      (field instanceof ZodOptional && (field as ZodOptional).unwrap() instanceof ZodArray);
    return [
      {
        method: openapi.method,
        path,
        procedurePath,
        procedure,
        access: procedureAccess(procedure),
        queryKeys: fields.filter((field) => !pathParameters.includes(field)),
        pattern: getPathRegExp(path),
        url: path.replace(/\{(.+?)\}/g, ':$1'),
        type: procedure._def.type === 'mutation' ? 'mutation' : 'query',
        takesInput: !instanceofZodTypeLikeVoid(input),
        arrayKeys: new Set(fields.filter((field) => isList(shape[field]))),
        objectInput: instanceofZodTypeObject(input) ? input : null,
      },
    ];
  });
}

/**
 * The operation a request reaches by its path when no route of its own spells that path (a
 * trailing slash, another letter case), with the path parameters it names.
 */
export function matchOperation(
  operations: readonly RestOperation[],
  request: FastifyRequest,
  prefix: string,
): { operation: RestOperation; pathInput: Record<string, string> } | undefined {
  const path = normalizePath((request.url.split('?', 1)[0] ?? '').slice(prefix.length));
  for (const operation of operations) {
    if (operation.method !== request.method) continue;
    const match = operation.pattern.exec(path);
    if (match) return { operation, pathInput: { ...match.groups } };
  }
  return undefined;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const QUERY_METHODS = new Set(['GET', 'DELETE']);

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function isJson(contentType: string | undefined): boolean {
  return (contentType ?? '').toLowerCase().startsWith('application/json');
}

export interface RestRequestRulesOptions {
  operations: readonly RestOperation[];
  /** Without it a non-JSON body is refused (415) without asking the gate first. */
  createContext?: ((req: FastifyRequest, reply: FastifyReply) => Promise<Context>) | undefined;
}

/**
 * How /api takes requests, in the scope of the adapter's routes (rest-adapter.ts; register it
 * before the adapter, in the same scope):
 * - a POST, PUT or PATCH with no body, or `application/json` with an empty one, is a call
 *   with no body fields;
 * - a body that is not JSON is a 415, but only once the caller passed the procedure's sign-in
 *   and role gate, so an anonymous caller learns 401 first whatever it sent;
 * - a query parameter a GET or DELETE does not take is a 400 naming it and the accepted ones.
 */
export async function restRequestRules(rest: FastifyInstance, options: RestRequestRulesOptions): Promise<void> {
  const { operations } = options;
  const prefix = rest.prefix;
  const catchAll = `${prefix}/*`;
  // The operation a request reached: its own route says so; the catch-all is matched by path.
  const find = (request: FastifyRequest): RestOperation | undefined => {
    const own = request.routeOptions.config.restOperation;
    if (own || request.routeOptions.url !== catchAll) return own;
    return matchOperation(operations, request, prefix)?.operation;
  };
  const isAdapterRoute = (request: FastifyRequest) =>
    request.routeOptions.config.restOperation !== undefined || request.routeOptions.url === catchAll;

  // JSON only (fastify's own parser, so prototype poisoning stays refused), and an empty body is no body.
  const parseJson = rest.getDefaultJsonParser('error', 'error');
  rest.removeAllContentTypeParsers();
  rest.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    // Measured before it is parsed, as the app-wide parser does (input-guard.ts): too deep or too many keys is a 400.
    const problem = jsonShapeProblem(text);
    if (problem) return done(Object.assign(new Error(problem), { statusCode: 400 }), undefined);
    return parseJson(request, text, done);
  });

  rest.addHook('onRequest', async (request, reply) => {
    if (!isAdapterRoute(request) || !BODY_METHODS.has(request.method)) return;
    if (!hasBody(request) || isJson(request.headers['content-type'])) return;
    const operation = find(request);
    if (!operation || operation.access === 'public' || !options.createContext) return;
    const ctx = await options.createContext(request, reply);
    try {
      assertAccess(operation.access, ctx.auth);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return sendRestError(reply, error.code, error.message, { path: operation.procedurePath });
    }
  });

  rest.addHook('preHandler', async (request, reply) => {
    if (!QUERY_METHODS.has(request.method) || !isAdapterRoute(request)) return;
    const operation = find(request);
    if (!operation) return;
    if (hasUnknownQuery(request, operation.queryKeys)) {
      return refuseUnknownQuery(request, reply, operation.queryKeys, operation.procedurePath);
    }
  });
}

function unknownQueryKeys(request: FastifyRequest, accepted: readonly string[]): string[] {
  return Object.keys((request.query ?? {}) as Record<string, unknown>).filter((key) => !accepted.includes(key));
}

export function hasUnknownQuery(request: FastifyRequest, accepted: readonly string[]): boolean {
  return unknownQueryKeys(request, accepted).length > 0;
}

/** A 400 naming each query parameter the operation does not take, and the ones it does. */
export function refuseUnknownQuery(
  request: FastifyRequest,
  reply: FastifyReply,
  accepted: readonly string[],
  path: string,
) {
  const unknown = unknownQueryKeys(request, accepted);
  return sendRestError(reply, 'BAD_REQUEST', unknownParametersMessage(unknown, accepted), {
    path,
    fieldErrors: Object.fromEntries(unknown.map((key) => [key, ['Unknown query parameter.']])),
  });
}

export function unknownParametersMessage(unknown: readonly string[], accepted: readonly string[]): string {
  const names = unknown.map((key) => `"${key}"`).join(', ');
  const noun = unknown.length === 1 ? 'Unknown query parameter' : 'Unknown query parameters';
  const takes = accepted.length === 0 ? 'this operation takes none' : `this operation takes ${accepted.join(', ')}`;
  return `${noun} ${names}: ${takes}.`;
}
