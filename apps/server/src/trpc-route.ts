import {
  type AnyProcedure,
  type AnyRouter,
  getErrorShape,
  getTRPCErrorFromUnknown,
  type TRPCError,
  transformTRPCResponse,
} from '@trpc/server';
import { type FastifyTRPCPluginOptions, fastifyRequestHandler } from '@trpc/server/adapters/fastify';
import { getHTTPStatusCode, type TRPCRequestInfo } from '@trpc/server/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

// createContext is handed a signal, as tRPC hands one; these calls never abort theirs.
const NEVER_ABORTED = new AbortController().signal;

type TrpcOptions<TRouter extends AnyRouter> = FastifyTRPCPluginOptions<TRouter>['trpcOptions'];

/**
 * /trpc as tRPC's fastify plugin serves it, with its commonest call served without the Fetch
 * API: a GET of queries, single or batched, not streamed (what the SDK's batch link and a plain
 * `httpLink` query send). tRPC's adapter turns every request into a Fetch `Request`, combines
 * abort signals for each call and builds its answer as `Headers`; here the procedures are
 * called directly (`procedure(...)`, as tRPC's own caller does) and the same answer is written:
 * the same body (`{ result: { data } }` or `{ error }` per call, through the transformer), the
 * same status (one call's, or 207 when a batch's differ) and headers, onError and responseMeta
 * told as tRPC tells them. Anything else (mutations, streamed batches, uploads, subscriptions)
 * and anything this path would answer differently (an unknown procedure, a batch over the
 * limit, input that is not JSON) goes to tRPC's own handler, untouched: nothing has run yet.
 */
export function trpcRoute<TRouter extends AnyRouter>(
  fastify: FastifyInstance,
  opts: { trpcOptions: TrpcOptions<TRouter> },
  done: (error?: Error) => void,
): void {
  const { trpcOptions } = opts;
  // As tRPC's plugin: its handler reads JSON bodies as text, and FormData from the raw stream.
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, parsed) => {
    parsed(null, body);
  });
  fastify.removeContentTypeParser('multipart/form-data');
  fastify.addContentTypeParser('multipart/form-data', {}, (_request, body, parsed) => {
    parsed(null, body);
  });
  fastify.all('/:path', async (request, reply) => {
    const path = (request.params as { path: string }).path;
    const queries = request.method === 'GET' ? queryCalls<TRouter>(trpcOptions, request, path) : null;
    if (queries) return answerQueries<TRouter>(trpcOptions, request, reply, queries);
    await fastifyRequestHandler({ ...trpcOptions, req: request, res: reply, path });
  });
  done();
}

/** The calls of a GET of queries, and whether it came as a batch (its answer is then a list). */
interface Queries {
  batch: boolean;
  calls: QueryCall[];
}

interface QueryCall {
  path: string;
  procedure: AnyProcedure;
  input: unknown;
}

/** The calls of a GET this path answers as tRPC would, or null for tRPC's own handler. */
function queryCalls<TRouter extends AnyRouter>(
  options: TrpcOptions<TRouter>,
  request: FastifyRequest,
  path: string,
): Queries | null {
  // A streamed batch (httpBatchStreamLink) answers in JSON lines.
  if (request.headers['trpc-accept'] !== undefined) return null;
  const query = request.query as Record<string, unknown>;
  const batch = query.batch === '1';
  if (query.batch !== undefined && typeof query.batch !== 'string') return null;
  const text = query.input;
  if (text !== undefined && typeof text !== 'string') return null;
  const paths = batch ? path.split(',') : [path];
  if (batch && typeof options.maxBatchSize === 'number' && paths.length > options.maxBatchSize) return null;
  let inputs: unknown;
  try {
    inputs = text ? JSON.parse(text) : undefined;
  } catch {
    return null;
  }
  if (batch && inputs !== undefined && (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs))) {
    return null;
  }
  const { transformer } = options.router._def._config;
  const procedures = options.router._def.procedures as Record<string, AnyProcedure | undefined>;
  const calls: QueryCall[] = [];
  for (const [index, callPath] of paths.entries()) {
    const procedure = procedures[callPath];
    if (procedure?._def.type !== 'query') return null;
    const raw = batch ? (inputs as Record<string, unknown> | undefined)?.[index] : inputs;
    let input: unknown;
    try {
      input = raw === undefined ? undefined : transformer.input.deserialize(raw);
    } catch {
      return null;
    }
    calls.push({ path: callPath, procedure, input });
  }
  return { batch, calls };
}

async function answerQueries<TRouter extends AnyRouter>(
  options: TrpcOptions<TRouter>,
  request: FastifyRequest,
  reply: FastifyReply,
  { batch, calls }: Queries,
) {
  const config = options.router._def._config;
  const info = {
    isBatchCall: batch,
    accept: null,
    type: 'query',
    calls: calls.map((call, batchIndex) => ({
      path: call.path,
      procedure: call.procedure,
      batchIndex,
      getRawInput: async () => call.input,
      result: () => call.input,
    })),
    connectionParams: null,
    signal: NEVER_ABORTED,
    url: null,
  } as unknown as TRPCRequestInfo;
  let ctx: unknown;
  let contextError: TRPCError | null = null;
  try {
    ctx = await options.createContext?.({ req: request, res: reply, info });
  } catch (cause) {
    contextError = getTRPCErrorFromUnknown(cause);
  }
  const outcomes = await Promise.all(
    calls.map(async (call, batchIndex) => {
      try {
        if (contextError) throw contextError;
        const data = await call.procedure({
          path: call.path,
          getRawInput: async () => call.input,
          ctx,
          type: 'query',
          signal: undefined,
          batchIndex,
        });
        return { answer: { result: { data } }, error: null };
      } catch (cause) {
        const error = getTRPCErrorFromUnknown(cause);
        options.onError?.({ error, path: call.path, input: call.input, ctx, type: 'query', req: request });
        const shape = getErrorShape({ config, ctx, error, input: call.input, path: call.path, type: 'query' });
        return { answer: { error: shape }, error };
      }
    }),
  );
  const answers = outcomes.map((outcome) => outcome.answer);
  const errors = outcomes.flatMap((outcome) => (outcome.error ? [outcome.error] : []));
  const untransformed = batch ? answers : answers[0];
  let status = getHTTPStatusCode(untransformed as Parameters<typeof getHTTPStatusCode>[0]);
  const meta = options.responseMeta?.({
    ctx,
    info,
    paths: calls.map((call) => call.path),
    data: answers,
    errors,
    eagerGeneration: false,
    type: 'query',
  } as unknown as Parameters<NonNullable<typeof options.responseMeta>>[0]);
  reply.header('vary', 'trpc-accept, accept').header('content-type', 'application/json');
  const headers = meta?.headers;
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers ?? {});
  for (const [name, value] of entries) {
    if (typeof value === 'string' || Array.isArray(value)) reply.header(name, value);
  }
  if (meta?.status) status = meta.status;
  return reply.code(status).send(JSON.stringify(transformTRPCResponse(config, untransformed as never)));
}
