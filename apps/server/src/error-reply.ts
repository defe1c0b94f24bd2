import { AppError, appRouter } from '@carhub/api';
import {
  getErrorShape,
  getTRPCErrorFromUnknown,
  type TRPC_ERROR_CODE_KEY,
  TRPCError,
  transformTRPCResponse,
} from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ZodError, z } from 'zod';

/**
 * The one error body of every REST route and hook: the REST adapter (rest-adapter.ts) builds
 * its answers with it, and the plain routes, the CSRF guard and fastify's own
 * refusals write it directly. Under /trpc the same refusals are written in tRPC's own shape
 * instead (sendTrpcError), so a tRPC client reads them like any procedure's error.
 */
export interface ErrorBody {
  message: string;
  code: string;
  data: {
    code: string;
    httpStatus: number;
    /** The procedure (e.g. `bookings.approve`) or plain route that answered; null when none did. */
    path: string | null;
    fieldErrors: Record<string, string[]> | null;
    retryAfter?: number;
  };
  issues?: Array<{ message: string; path?: Array<string | number> }>;
}

export interface ErrorDetails {
  path?: string | null;
  fieldErrors?: Record<string, string[]> | null;
  retryAfter?: number | undefined;
  issues?: ErrorBody['issues'] | undefined;
}

export const TRPC_PREFIX = '/trpc';

/** The HTTP status of a tRPC error code (PAYLOAD_TOO_LARGE is 413, TOO_MANY_REQUESTS 429, ...). */
export function statusOfCode(code: TRPC_ERROR_CODE_KEY): number {
  return getHTTPStatusCodeFromError(new TRPCError({ code }));
}

const CODE_OF_STATUS: Record<number, TRPC_ERROR_CODE_KEY> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_SUPPORTED',
  408: 'TIMEOUT',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_CONTENT',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

export function codeOfStatus(status: number): TRPC_ERROR_CODE_KEY {
  return CODE_OF_STATUS[status] ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST');
}

/** "Invalid input: email: Invalid email address; year: Too small: expected number to be >=1886." */
export function validationMessage(fieldErrors: Record<string, string[]> | null | undefined): string {
  const parts = Object.entries(fieldErrors ?? {}).map(([field, messages]) => {
    // zod starts its type errors with "Invalid input: " too; once is enough.
    const text = messages.map((m) => m.replace(/^Invalid input: /, '').replace(/[.;]+$/, '')).join(', ');
    return field === '' ? text : `${field}: ${text}`;
  });
  if (parts.length === 0) return 'Invalid input.';
  const text = `Invalid input: ${parts.join('; ')}`;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

export function errorBody(code: string, message: string, details: ErrorDetails = {}): ErrorBody {
  const httpStatus = statusOfCode(code as TRPC_ERROR_CODE_KEY);
  return {
    message,
    code,
    data: {
      code,
      httpStatus,
      path: details.path ?? null,
      fieldErrors: details.fieldErrors ?? null,
      ...(details.retryAfter !== undefined ? { retryAfter: details.retryAfter } : {}),
    },
    ...(details.issues ? { issues: details.issues } : {}),
  };
}

/** Writes the REST error body with its status (and Retry-After when there is one). */
export function sendRestError(reply: FastifyReply, code: TRPC_ERROR_CODE_KEY, message: string, details?: ErrorDetails) {
  const body = errorBody(code, message, details);
  if (body.data.retryAfter !== undefined) reply.header('retry-after', String(Math.ceil(body.data.retryAfter)));
  return reply.code(body.data.httpStatus).type('application/json; charset=utf-8').send(body);
}

/** A refusal in tRPC's own error shape (as the /trpc adapter writes it), so the SDK's isApiError reads it. */
export function sendTrpcError(reply: FastifyReply, code: TRPC_ERROR_CODE_KEY, message: string, path?: string) {
  const config = appRouter._def._config;
  const error = new TRPCError({ code, message });
  const shape = getErrorShape({ config, error, type: 'unknown', path, input: undefined, ctx: undefined });
  return reply
    .code(statusOfCode(code))
    .type('application/json; charset=utf-8')
    .send(transformTRPCResponse(config, { error: shape }));
}

/**
 * A refusal by a server-level hook (CSRF, body and input limits, the request limiter, unknown
 * routes) in the shape its transport's clients read; `retryAfter` (seconds) becomes the
 * Retry-After header on both, and `data.retryAfter` in the REST body.
 */
export function sendRefusal(
  request: FastifyRequest,
  reply: FastifyReply,
  code: TRPC_ERROR_CODE_KEY,
  message: string,
  retryAfter?: number,
) {
  if (isTrpcRequest(request)) {
    if (retryAfter !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfter))));
    return sendTrpcError(reply, code, message, trpcPathOf(request));
  }
  return sendRestError(reply, code, message, retryAfter !== undefined ? { retryAfter } : {});
}

export function isTrpcRequest(request: FastifyRequest): boolean {
  const url = request.url;
  return url === TRPC_PREFIX || url.startsWith(`${TRPC_PREFIX}/`) || url.startsWith(`${TRPC_PREFIX}?`);
}

function trpcPathOf(request: FastifyRequest): string | undefined {
  const path = (request.params as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? path : undefined;
}

/**
 * The REST body for an error thrown outside the adapter (the upload route calling its
 * procedure, the exports): the same fields the adapter's answers get. Anything unexpected is
 * a 500 whose message says nothing of the cause.
 */
export function restErrorBodyOf(cause: unknown, path: string | null): ErrorBody {
  const appError = cause instanceof AppError ? cause : undefined;
  const error = appError
    ? new TRPCError({ code: appError.code, message: appError.message, cause })
    : getTRPCErrorFromUnknown(cause);
  if (error.code === 'BAD_REQUEST' && error.cause instanceof ZodError) {
    const fieldErrors = fieldErrorsOf(error.cause);
    return errorBody('BAD_REQUEST', validationMessage(fieldErrors), {
      path,
      fieldErrors,
      issues: issuesOf(error.cause),
    });
  }
  const known = appError ?? (error.cause instanceof AppError ? error.cause : undefined);
  const fieldErrors = known?.fieldErrors ?? null;
  const message =
    error.code === 'INTERNAL_SERVER_ERROR'
      ? 'Internal server error'
      : error.code === 'BAD_REQUEST' && fieldErrors
        ? validationMessage(fieldErrors)
        : error.message;
  return errorBody(error.code, message, { path, fieldErrors, retryAfter: known?.retryAfter });
}

/** Sends restErrorBodyOf's body with its status and Retry-After; a 500 is logged with its cause. */
export function sendErrorOf(reply: FastifyReply, cause: unknown, path: string | null) {
  const body = restErrorBodyOf(cause, path);
  if (body.data.httpStatus >= 500) reply.request.log.error({ err: cause, path }, 'request failed');
  if (body.data.retryAfter !== undefined) reply.header('retry-after', String(Math.ceil(body.data.retryAfter)));
  return reply.code(body.data.httpStatus).type('application/json; charset=utf-8').send(body);
}

function fieldErrorsOf(error: ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.');
    fields[key] = [...(fields[key] ?? []), issue.message];
  }
  return fields;
}

function issuesOf(error: ZodError): NonNullable<ErrorBody['issues']> {
  return error.issues.map((issue) => ({
    message: issue.message,
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
  }));
}

/**
 * Reshapes a failed procedure's error (tRPC's shape with a string code, as the REST adapter
 * builds it from the error) into the one body: a validation 400 gets a sentence naming the fields instead of
 * "Input validation failed", and `data` keeps exactly the documented fields.
 */
export function reshapeAdapterError(raw: unknown, request: FastifyRequest): ErrorBody | null {
  const parsed = adapterError.safeParse(raw);
  if (!parsed.success) return null;
  const { code, data, issues } = parsed.data;
  const fieldErrors = data?.fieldErrors ?? null;
  let message = parsed.data.message;
  if (code === 'BAD_REQUEST' && issues !== undefined) message = validationMessage(fieldErrors);
  // No procedure at this method and path: the adapter says only "Not found".
  else if (code === 'NOT_FOUND' && !data?.path) message = `There is no ${request.method} ${request.url.split('?')[0]}.`;
  return errorBody(code, message, {
    path: data?.path ?? null,
    fieldErrors,
    retryAfter: data?.retryAfter,
    issues: issues?.map(({ message: m, path }) => ({ message: m, ...(path ? { path } : {}) })),
  });
}

const adapterError = z.object({
  message: z.string(),
  code: z.string(),
  data: z
    .object({
      path: z.string().optional(),
      fieldErrors: z.record(z.string(), z.array(z.string())).nullable().optional(),
      retryAfter: z.number().optional(),
    })
    .optional(),
  issues: z
    .array(z.object({ message: z.string(), path: z.array(z.union([z.string(), z.number()])).optional() }))
    .optional(),
});

/** `components.schemas.Error` of the document: what every error response refers to. */
export const errorBodySchema = z
  .object({
    message: z.string().meta({ description: 'A sentence for a person; for invalid input it names the fields' }),
    code: z.string().meta({ description: 'The tRPC error code, e.g. BAD_REQUEST, UNAUTHORIZED, CONFLICT' }),
    data: z.object({
      code: z.string(),
      httpStatus: z.number().int(),
      path: z.string().nullable().meta({ description: 'The procedure that answered, e.g. bookings.approve' }),
      fieldErrors: z
        .record(z.string(), z.array(z.string()))
        .nullable()
        .meta({ description: 'Messages per input field (dotted path; "" for the input as a whole)' }),
      retryAfter: z.number().optional().meta({ description: 'Seconds before a retry may succeed (429)' }),
    }),
    issues: z
      .array(z.object({ message: z.string(), path: z.array(z.union([z.string(), z.number()])).optional() }))
      .optional()
      .meta({ description: 'The validation issues behind a 400' }),
  })
  .meta({ id: 'Error', description: 'The body of every error answer' });
