import { TRPCClientError } from '@trpc/client';
import type { ApiErrorShape, ClientRouter } from './client-router';

/**
 * Every code the server may answer with: tRPC's codes. The API itself uses BAD_REQUEST (400),
 * UNAUTHORIZED (401), FORBIDDEN (403), NOT_FOUND (404), CONFLICT (409), PAYLOAD_TOO_LARGE (413),
 * TOO_MANY_REQUESTS (429) and INTERNAL_SERVER_ERROR (500); tRPC adds a few of its own, such as PARSE_ERROR.
 */
export type ApiErrorCode = ApiErrorShape['data']['code'];

/** Per-field messages, keyed by the dotted path of the input field (`''` for the input as a whole). */
export type FieldErrors = Record<string, string[]>;

export interface ApiErrorDetails<C extends ApiErrorCode = ApiErrorCode> {
  readonly code: C;
  readonly httpStatus: number;
  /** Per-field messages of a 400 (and of a 409 that is about one field, such as a taken username). */
  readonly fieldErrors: FieldErrors | null;
  /** Seconds to wait before trying again (429). */
  readonly retryAfter: number | undefined;
}

/** An error the API answered with: a `TRPCClientError` that also carries the answer's details. */
export type ApiError<C extends ApiErrorCode = ApiErrorCode> = TRPCClientError<ClientRouter> & ApiErrorDetails<C>;

// A Record so that the compiler refuses this list when tRPC adds or drops a code.
const codes: Record<ApiErrorCode, null> = {
  PARSE_ERROR: null,
  BAD_REQUEST: null,
  INTERNAL_SERVER_ERROR: null,
  NOT_IMPLEMENTED: null,
  BAD_GATEWAY: null,
  SERVICE_UNAVAILABLE: null,
  GATEWAY_TIMEOUT: null,
  UNAUTHORIZED: null,
  PAYMENT_REQUIRED: null,
  FORBIDDEN: null,
  NOT_FOUND: null,
  METHOD_NOT_SUPPORTED: null,
  TIMEOUT: null,
  CONFLICT: null,
  PRECONDITION_FAILED: null,
  PAYLOAD_TOO_LARGE: null,
  UNSUPPORTED_MEDIA_TYPE: null,
  UNPROCESSABLE_CONTENT: null,
  PRECONDITION_REQUIRED: null,
  TOO_MANY_REQUESTS: null,
  CLIENT_CLOSED_REQUEST: null,
};

/** The codes `isApiError` knows, e.g. for a `switch` or a lookup table of messages. */
export const API_ERROR_CODES: readonly ApiErrorCode[] = Object.freeze(Object.keys(codes) as ApiErrorCode[]);

function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && Object.hasOwn(codes, value);
}

/**
 * Whether `error` is an answer from the API (with `code`, if given). A network failure or a
 * bug in your own code is not. Narrows to an error exposing `code`, `httpStatus`, `message`,
 * `fieldErrors` and `retryAfter`.
 *
 * @example
 * if (isApiError(err, 'CONFLICT')) showProblem(err.message);
 * if (isApiError(err, 'BAD_REQUEST')) showFieldErrors(err.fieldErrors);
 */
export function isApiError<C extends ApiErrorCode = ApiErrorCode>(error: unknown, code?: C): error is ApiError<C> {
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
