import { TRPCClientError } from '@trpc/client';
import type { ApiErrorShape, ClientRouter } from './client-router';

/**
 * Every code the server may answer with: tRPC's codes. The API itself uses BAD_REQUEST (400),
 * UNAUTHORIZED (401), FORBIDDEN (403), NOT_FOUND (404), CONFLICT (409), PAYLOAD_TOO_LARGE (413),
 * TOO_MANY_REQUESTS (429) and INTERNAL_SERVER_ERROR (500); tRPC adds a few of its own, such as PARSE_ERROR.
 */
export type ApiErrorCode = ApiErrorShape['data']['code'];

/** The dotted paths of an input's fields: `'email'`, `'address.city'`, `'photos.0'`. */
export type FieldPath<TInput> = [NonNullable<TInput>] extends [object]
  ? { [K in keyof NonNullable<TInput> & string]: K | `${K}.${string}` }[keyof NonNullable<TInput> & string]
  : string;

/**
 * Per-field messages, keyed by the dotted path of the input field (`''` for the input as a
 * whole). Given a procedure's input type, the keys are that input's fields, so a misspelt
 * field is a type error: `FieldErrors<RouterInputs['auth']['register']>`.
 */
export type FieldErrors<TInput = unknown> = unknown extends TInput
  ? Record<string, string[]>
  : { readonly [K in FieldPath<TInput> | '']?: string[] };

export interface ApiErrorDetails<C extends ApiErrorCode = ApiErrorCode, TInput = unknown> {
  readonly code: C;
  readonly httpStatus: number;
  /** Per-field messages of a 400 (and of a 409 that is about one field, such as a taken username). */
  readonly fieldErrors: FieldErrors<TInput> | null;
  /** Seconds to wait before trying again (429). */
  readonly retryAfter: number | undefined;
}

/** An error the API answered with: a `TRPCClientError` that also carries the answer's details. */
export type ApiError<C extends ApiErrorCode = ApiErrorCode, TInput = unknown> = TRPCClientError<ClientRouter> &
  ApiErrorDetails<C, TInput>;

/** A procedure of the client (`client.auth.register`), passed only so its input types `fieldErrors`. */
export type AnyProcedure =
  | { mutate: (input: any, ...rest: any[]) => Promise<unknown> }
  | { query: (input: any, ...rest: any[]) => Promise<unknown> };

/** The input type of a client procedure; `unknown` when none is given. */
export type InputOf<P> = P extends { mutate: (input: infer I, ...rest: any[]) => Promise<unknown> }
  ? I
  : P extends { query: (input: infer I, ...rest: any[]) => Promise<unknown> }
    ? I
    : unknown;

// A Record so that the compiler refuses this list when tRPC adds or drops a code. Each code's
// JSON-RPC number and HTTP status, as tRPC's server answers them (errors.test.ts compares).
const codes: Record<ApiErrorCode, readonly [jsonRpc: number, httpStatus: number]> = {
  PARSE_ERROR: [-32700, 400],
  BAD_REQUEST: [-32600, 400],
  INTERNAL_SERVER_ERROR: [-32603, 500],
  NOT_IMPLEMENTED: [-32603, 501],
  BAD_GATEWAY: [-32603, 502],
  SERVICE_UNAVAILABLE: [-32603, 503],
  GATEWAY_TIMEOUT: [-32603, 504],
  UNAUTHORIZED: [-32001, 401],
  PAYMENT_REQUIRED: [-32002, 402],
  FORBIDDEN: [-32003, 403],
  NOT_FOUND: [-32004, 404],
  METHOD_NOT_SUPPORTED: [-32005, 405],
  TIMEOUT: [-32008, 408],
  CONFLICT: [-32009, 409],
  PRECONDITION_FAILED: [-32012, 412],
  PAYLOAD_TOO_LARGE: [-32013, 413],
  UNSUPPORTED_MEDIA_TYPE: [-32015, 415],
  UNPROCESSABLE_CONTENT: [-32022, 422],
  PRECONDITION_REQUIRED: [-32028, 428],
  TOO_MANY_REQUESTS: [-32029, 429],
  CLIENT_CLOSED_REQUEST: [-32099, 499],
};

/** The codes `isApiError` knows, e.g. for a `switch` or a lookup table of messages. */
export const API_ERROR_CODES: readonly ApiErrorCode[] = Object.freeze(Object.keys(codes) as ApiErrorCode[]);

/** The JSON-RPC number tRPC sends with a code. */
export function jsonRpcCodeOf(code: ApiErrorCode): number {
  return codes[code][0];
}

/**
 * The code for an HTTP status that came without a readable tRPC body (a proxy's page, a
 * refusal before tRPC ran): the code tRPC answers that status with, else by its class.
 */
export function codeForStatus(status: number): ApiErrorCode {
  if (status === 400) return 'BAD_REQUEST';
  if (status === 500) return 'INTERNAL_SERVER_ERROR';
  for (const code of API_ERROR_CODES) if (codes[code][1] === status) return code;
  return status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
}

function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && Object.hasOwn(codes, value);
}

/**
 * Whether `error` is an answer from the API (with `code`, if given). A network failure or a
 * bug in your own code is not. Narrows to an error exposing `code`, `httpStatus`, `message`,
 * `fieldErrors` and `retryAfter`.
 *
 * Pass the procedure you called as the third argument to type `fieldErrors` by its input's
 * fields. Errors from a non-tRPC answer (a proxy's 502 page, a refusal before tRPC ran) are
 * recognised by their HTTP status when the client came from `createClient`.
 *
 * @example
 * if (isApiError(err, 'CONFLICT')) showProblem(err.message);
 * if (isApiError(err, 'BAD_REQUEST', client.auth.register)) showProblem(err.fieldErrors?.email);
 */
export function isApiError<C extends ApiErrorCode = ApiErrorCode, P extends AnyProcedure | undefined = undefined>(
  error: unknown,
  code?: C,
  _procedure?: P,
): error is ApiError<C, InputOf<P>> {
  if (!(error instanceof TRPCClientError)) return false;
  const data: unknown = error.data;
  if (typeof data !== 'object' || data === null || !('code' in data) || !isApiErrorCode(data.code)) return false;
  if (code !== undefined && data.code !== code) return false;
  // The details are copied onto the error itself, so `err.code` reads as users expect; the
  // same error may come from any tRPC client of this API, so it is done here, not in a link.
  if (!Object.hasOwn(error, 'httpStatus')) {
    const details: ApiErrorDetails = {
      code: data.code,
      httpStatus: 'httpStatus' in data && typeof data.httpStatus === 'number' ? data.httpStatus : 500,
      fieldErrors: 'fieldErrors' in data && isFieldErrors(data.fieldErrors) ? data.fieldErrors : null,
      retryAfter: 'retryAfter' in data && typeof data.retryAfter === 'number' ? data.retryAfter : undefined,
    };
    for (const [key, value] of Object.entries(details)) {
      Object.defineProperty(error, key, { value, enumerable: true, writable: false, configurable: true });
    }
  }
  return true;
}

function isFieldErrors(value: unknown): value is FieldErrors {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((messages) => Array.isArray(messages) && messages.every((m) => typeof m === 'string'))
  );
}

type CodeCheck<C extends ApiErrorCode> = <P extends AnyProcedure | undefined = undefined>(
  error: unknown,
  procedure?: P,
) => error is ApiError<C, InputOf<P>>;

function codeCheck<C extends ApiErrorCode>(code: C): CodeCheck<C> {
  return <P extends AnyProcedure | undefined = undefined>(
    error: unknown,
    procedure?: P,
  ): error is ApiError<C, InputOf<P>> => isApiError(error, code, procedure);
}

/** 400: bad input; `fieldErrors` says which fields (typed by the procedure, if you pass it). */
export const isBadRequest = codeCheck('BAD_REQUEST');
/** 401: not signed in, or the session has ended. */
export const isUnauthorized = codeCheck('UNAUTHORIZED');
/** 403: signed in, but not allowed (also a refused cross-site cookie call). */
export const isForbidden = codeCheck('FORBIDDEN');
/** 404: it does not exist, or you may not see it. */
export const isNotFound = codeCheck('NOT_FOUND');
/** 409: a conflict with what is stored (a taken name, a booked slot, a sold car). */
export const isConflict = codeCheck('CONFLICT');
/** 413: the request (a photo, a JSON body) is larger than the server takes. */
export const isPayloadTooLarge = codeCheck('PAYLOAD_TOO_LARGE');
/** 429: too many tries; wait `retryAfter` seconds. */
export const isTooManyRequests = codeCheck('TOO_MANY_REQUESTS');

/** An API answer with a 5xx status: the server (or a proxy before it) failed; trying later may work. */
export function isServerError(error: unknown): error is ApiError {
  return isApiError(error) && error.httpStatus >= 500;
}

function causeOf(error: unknown): unknown {
  return error instanceof TRPCClientError ? error.cause : undefined;
}

function isAbortLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'name' in value && value.name === 'AbortError';
}

/** The call was cancelled through its `signal` (or the query was cancelled): nothing to show the user. */
export function isAbortError(error: unknown): boolean {
  return isAbortLike(error) || isAbortLike(causeOf(error));
}

/**
 * No answer came: the server is unreachable, the connection broke, or (in a browser) CORS
 * refused it. Never an API answer, never an abort.
 */
export function isNetworkError(error: unknown): boolean {
  if (isAbortError(error) || isApiError(error)) return false;
  const cause = error instanceof TRPCClientError ? error.cause : error;
  return cause instanceof TypeError;
}
