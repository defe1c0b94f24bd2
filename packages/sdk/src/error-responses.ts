import superjson from 'superjson';
import { API_ERROR_CODES, type ApiErrorCode, codeForStatus, jsonRpcCodeOf } from './errors';

/*
 * tRPC's client reads an error only from a tRPC body. Some refusals never reach tRPC: a proxy's
 * 502 page, a body-size limit or a CSRF guard in front of the router, a gateway timeout. Their
 * body is HTML, plain text or some other JSON, and the client would fail with "Unable to
 * transform response from server", status lost. The client's fetch goes through this: an
 * error status without a tRPC body is answered to tRPC as a tRPC error of that status, so
 * `isApiError` and its helpers recognise it by its HTTP status like any other answer.
 */

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** The longest plain-text body taken as the message (longer ones are pages, not sentences). */
const MAX_TEXT_MESSAGE = 300;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** One item of a tRPC answer as the server's superjson transformer writes it. */
function isTrpcItem(value: unknown): boolean {
  if (!isObject(value)) return false;
  if ('result' in value) return true;
  const error = value.error;
  return isObject(error) && isObject(error.json) && isObject(error.json.data);
}

function isTrpcBody(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 && value.every(isTrpcItem) : isTrpcItem(value);
}

function isKnownCode(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && (API_ERROR_CODES as readonly string[]).includes(value);
}

function defaultMessage(status: number): string {
  if (status === 413) return 'The request is too large for the server.';
  if (status >= 500) return `The server could not answer (HTTP ${status}). Try again later.`;
  return `The server refused the request (HTTP ${status}).`;
}

/** `Retry-After` in seconds, from a number of seconds or an HTTP date. */
function retryAfterSeconds(header: string | null): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** The procedure paths a tRPC request URL names (`/trpc/a,b?batch=1` names two). */
export function requestPaths(url: string, endpoint: string): { paths: string[]; batch: boolean } {
  const parsed = new URL(url, 'http://localhost');
  const base = new URL(endpoint, 'http://localhost').pathname.replace(/\/+$/, '');
  const rest = parsed.pathname.startsWith(`${base}/`) ? parsed.pathname.slice(base.length + 1) : '';
  const paths = decodeURIComponent(rest).split(',');
  return { paths, batch: parsed.searchParams.get('batch') === '1' };
}

/** The error a non-tRPC error response stands for, in the shape the server's tRPC errors have. */
export function errorShapeFor(status: number, headers: Headers, text: string, path: string) {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  // A tRPC-like or REST-like error body ({ message, code, data: { code, fieldErrors } }) lends
  // its details; anything else only its status.
  const error = isObject(body) && isObject(body.error) ? body.error : body;
  const data = isObject(error) && isObject(error.data) ? error.data : {};
  const named = [data.code, isObject(error) ? error.code : undefined].find(isKnownCode);
  const code = named ?? codeForStatus(status);
  const plain = body === undefined && !/^\s*</.test(text) ? text.trim() : '';
  const message =
    isObject(error) && typeof error.message === 'string' && error.message
      ? error.message
      : plain && plain.length <= MAX_TEXT_MESSAGE
        ? plain
        : defaultMessage(status);
  const retryAfter =
    typeof data.retryAfter === 'number' ? data.retryAfter : retryAfterSeconds(headers.get('retry-after'));
  return {
    message,
    code: jsonRpcCodeOf(code),
    data: {
      code,
      httpStatus: status,
      path,
      fieldErrors: isObject(data.fieldErrors) ? data.fieldErrors : null,
      ...(retryAfter === undefined ? {} : { retryAfter }),
    },
  };
}

function urlOf(input: string | URL | Request): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}

/** Wraps a fetch so that every error status reaches tRPC's client as a tRPC error body. */
export function withReadableErrors(fetchImpl: Fetch, endpoint: string): Fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    if (response.status < 400) return response;
    const text = await response.clone().text();
    try {
      if (isTrpcBody(JSON.parse(text))) return response;
    } catch {
      // Not JSON: rewritten below.
    }
    const { paths, batch } = requestPaths(urlOf(input), endpoint);
    const items = paths.map((path) => ({
      error: superjson.serialize(errorShapeFor(response.status, response.headers, text, path)),
    }));
    const headers = new Headers(response.headers);
    headers.set('content-type', 'application/json');
    headers.delete('content-length');
    headers.delete('content-encoding');
    return new Response(JSON.stringify(batch ? items : items[0]), {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  };
}
