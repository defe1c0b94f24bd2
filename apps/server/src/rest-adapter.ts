import type { Context } from '@carhub/api';
import { type AnyRouter, callTRPCProcedure, getErrorShape, getTRPCErrorFromUnknown, TRPCError } from '@trpc/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { coerceSchema, TRPC_ERROR_CODE_HTTP_STATUS } from 'trpc-to-openapi';
import { reshapeAdapterError } from './error-reply';
import { matchOperation, type RestOperation } from './rest-requests';

export interface RestAdapterOptions {
  router: AnyRouter;
  operations: readonly RestOperation[];
  createContext: (req: FastifyRequest, reply: FastifyReply) => Promise<Context>;
  onError?:
    | ((opts: {
        error: TRPCError;
        type: 'query' | 'mutation' | 'unknown';
        path: string | undefined;
        input: unknown;
        ctx: Context | undefined;
        req: FastifyRequest;
      }) => void)
    | undefined;
  responseMeta?:
    | ((opts: { errors: readonly TRPCError[] }) => { status?: number; headers?: Record<string, string> })
    | undefined;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The procedure a REST route serves (set on the adapter's own routes). */
    restOperation?: RestOperation;
  }
}

const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const;

/**
 * Serves every procedure with `meta.openapi` as REST, in the scope it is registered in (the
 * /api prefix). What trpc-to-openapi's adapter did per call, without what it did needlessly:
 * each operation is a Fastify route of its own (the router finds it and its path parameters,
 * no regular expressions walked per call), the procedure is called directly, and Fastify's
 * request and reply are used as they are (the library's adapter rebound a dozen Node methods
 * onto them per call and redefined `statusCode` on every reply). The answers are the same: the
 * procedure's output as JSON, or the one error body (error-reply.ts) with the adapter's status.
 * A path the routes don't spell exactly (a trailing slash, another letter case) still reaches
 * its operation through the catch-all route, which answers 404 for anything else.
 */
export async function restAdapter(rest: FastifyInstance, options: RestAdapterOptions): Promise<void> {
  const { operations } = options;
  for (const operation of operations) {
    // Query strings carry text: number, boolean and date fields take it (made so once, here).
    if (operation.objectInput) coerceSchema(operation.objectInput);
    // A plain route registered first for the same method and path (the multipart upload) wins.
    if (rest.hasRoute({ method: operation.method, url: operation.url })) continue;
    rest.route({
      method: operation.method,
      url: operation.url,
      config: { restOperation: operation },
      handler: (request, reply) => answer(request, reply, operation, request.params as Record<string, string>),
    });
  }
  rest.route({
    method: [...METHODS],
    url: '/*',
    handler: (request, reply) => {
      const match = matchOperation(operations, request, rest.prefix);
      return answer(request, reply, match?.operation, match?.pathInput ?? {});
    },
  });

  async function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    operation: RestOperation | undefined,
    pathInput: Record<string, string>,
  ) {
    let input: Record<string, unknown> | undefined;
    let ctx: Context | undefined;
    try {
      // HEAD reaches GET routes too; like the library's adapter, it answers 204 and runs nothing.
      if (request.method === 'HEAD') return send(reply, 204, {}, undefined);
      if (!operation) throw new TRPCError({ code: 'NOT_FOUND', message: 'Not found' });
      if (operation.takesInput) input = { ...inputFields(request, operation), ...pathInput };
      ctx = await options.createContext(request, reply);
      const data = await callTRPCProcedure({
        router: options.router,
        path: operation.procedurePath,
        getRawInput: async () => input,
        ctx,
        type: operation.type,
        signal: undefined,
        batchIndex: 0,
      });
      const meta = options.responseMeta?.({ errors: [] });
      return send(reply, meta?.status ?? 200, meta?.headers ?? {}, data);
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      const type: 'query' | 'mutation' | 'unknown' = operation?.type ?? 'unknown';
      const path = operation?.procedurePath;
      options.onError?.({ error, type, path, input, ctx, req: request });
      const meta = options.responseMeta?.({ errors: [error] });
      const shape = getErrorShape({ config: options.router._def._config, error, type, path, input, ctx });
      const invalidInput = error.code === 'BAD_REQUEST' && error.cause?.name === 'ZodError';
      const status = meta?.status ?? TRPC_ERROR_CODE_HTTP_STATUS[error.code] ?? 500;
      const body = reshapeAdapterError(
        {
          ...shape,
          message: invalidInput ? 'Input validation failed' : (shape?.message ?? error.message),
          code: error.code,
          issues: invalidInput ? (error.cause as unknown as { issues: unknown }).issues : undefined,
        },
        request,
      );
      return send(reply, status, meta?.headers ?? {}, body);
    }
  }
}

/**
 * The body's fields (POST, PUT, PATCH: fastify parsed them, or there was no body) or the query
 * string's (GET, DELETE): a query value given once is that value, several times a list; a
 * field the schema takes as a list is a list even when given once. Empty values are left out.
 */
function inputFields(request: FastifyRequest, operation: RestOperation): Record<string, unknown> {
  if (operation.method !== 'GET' && operation.method !== 'DELETE') {
    return (request.body ?? {}) as Record<string, unknown>;
  }
  const query = (request.query ?? {}) as Record<string, string | string[] | undefined>;
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(query)) {
    const value = query[key];
    if (!value) continue;
    const single = Array.isArray(value) && value.length === 1 ? value[0] : value;
    fields[key] = operation.arrayKeys.has(key) && !Array.isArray(single) ? [single] : single;
  }
  return fields;
}

function send(reply: FastifyReply, status: number, headers: Record<string, string>, body: unknown) {
  reply.code(status).header('content-type', 'application/json').headers(headers);
  return reply.send(body === undefined ? undefined : JSON.stringify(body));
}
