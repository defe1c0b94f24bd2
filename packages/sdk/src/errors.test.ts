import { TRPCClientError } from '@trpc/client';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import { describe, expect, it } from 'vitest';
import type { ClientRouter } from './client-router';
import {
  API_ERROR_CODES,
  codeForStatus,
  isAbortError,
  isApiError,
  isBadRequest,
  isConflict,
  isForbidden,
  isNetworkError,
  isNotFound,
  isPayloadTooLarge,
  isTooManyRequests,
  isUnauthorized,
  jsonRpcCodeOf,
} from './errors';

function answered(code: keyof typeof TRPC_ERROR_CODES_BY_KEY, data: Record<string, unknown> = {}) {
  return TRPCClientError.from<ClientRouter>({
    error: {
      code: TRPC_ERROR_CODES_BY_KEY[code],
      message: `a ${code}`,
      data: { code, httpStatus: 418, fieldErrors: null, ...data },
    },
  });
}

describe('API_ERROR_CODES', () => {
  it("lists exactly the installed tRPC's codes", () => {
    expect([...API_ERROR_CODES].sort()).toEqual(Object.keys(TRPC_ERROR_CODES_BY_KEY).sort());
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(API_ERROR_CODES)).toBe(true);
  });
});

describe('isApiError', () => {
  it('matches any code, or only the one asked for', () => {
    const error = answered('CONFLICT', { fieldErrors: { plate: ['Taken.'] } });
    expect(isApiError(error)).toBe(true);
    expect(isApiError(error, 'NOT_FOUND')).toBe(false);
    expect(isApiError(error, 'CONFLICT')).toBe(true);
  });

  it('exposes the details of the answer on the error itself', () => {
    const error: unknown = answered('TOO_MANY_REQUESTS', { retryAfter: 12, fieldErrors: { '': ['Slow down.'] } });
    if (!isApiError(error, 'TOO_MANY_REQUESTS')) throw new Error('expected TOO_MANY_REQUESTS');
    expect(error).toBeInstanceOf(TRPCClientError);
    expect({
      code: error.code,
      httpStatus: error.httpStatus,
      message: error.message,
      fieldErrors: error.fieldErrors,
      retryAfter: error.retryAfter,
    }).toEqual({
      code: 'TOO_MANY_REQUESTS',
      httpStatus: 418,
      message: 'a TOO_MANY_REQUESTS',
      fieldErrors: { '': ['Slow down.'] },
      retryAfter: 12,
    });
  });

  it('ignores malformed details instead of passing them on', () => {
    const error = answered('BAD_REQUEST', { fieldErrors: { name: [1, 2] }, retryAfter: 'soon' });
    if (!isApiError(error)) throw new Error('expected an API error');
    expect(error.fieldErrors).toBeNull();
    expect(error.retryAfter).toBeUndefined();
  });

  it('refuses what is not an answer from the API', () => {
    expect(isApiError(new TRPCClientError('fetch failed'))).toBe(false);
    expect(isApiError(answered('CONFLICT', { code: 'SOMETHING_ELSE' }))).toBe(false);
    expect(isApiError(Object.assign(new Error('x'), { data: { code: 'CONFLICT' } }))).toBe(false);
    expect(isApiError(null)).toBe(false);
    expect(isApiError('CONFLICT')).toBe(false);
  });
});

describe('the code table', () => {
  it("gives each code tRPC's JSON-RPC number and HTTP status", async () => {
    const { getHTTPStatusCodeFromError } = await import('@trpc/server/http');
    const { TRPCError } = await import('@trpc/server');
    for (const code of API_ERROR_CODES) {
      expect(jsonRpcCodeOf(code), code).toBe(TRPC_ERROR_CODES_BY_KEY[code]);
      const status = getHTTPStatusCodeFromError(new TRPCError({ code }));
      // Two codes share 400 (PARSE_ERROR, BAD_REQUEST): a bare 400 is BAD_REQUEST.
      expect(codeForStatus(status), code).toBe(code === 'PARSE_ERROR' ? 'BAD_REQUEST' : code);
    }
  });
});

describe('the per-code helpers, isAbortError and isNetworkError', () => {
  it('each recognise only their own kind of failure', () => {
    const conflict = answered('CONFLICT');
    const network = TRPCClientError.from(new TypeError('fetch failed'));
    const abort = TRPCClientError.from(new DOMException('AbortError', 'AbortError'));
    const table = [conflict, answered('PAYLOAD_TOO_LARGE'), network, abort, new Error('a bug')].map((error) => [
      isConflict(error),
      isPayloadTooLarge(error),
      isNetworkError(error),
      isAbortError(error),
    ]);
    expect(table).toEqual([
      [true, false, false, false],
      [false, true, false, false],
      [false, false, true, false],
      [false, false, false, true],
      [false, false, false, false],
    ]);
    expect(
      [isBadRequest, isUnauthorized, isForbidden, isNotFound, isTooManyRequests].map((is) => is(conflict)),
    ).toEqual([false, false, false, false, false]);
  });
});
