import { createTRPCClient, httpBatchLink, httpLink, TRPCClientError } from '@trpc/client';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import type { ClientRouter } from './client-router';
import type { FetchLike } from './create-client';
import { errorShapeFor, requestPaths, withReadableErrors } from './error-responses';
import { isApiError, isNetworkError, isPayloadTooLarge, isServerError } from './errors';

const endpoint = 'https://cars.example.com/trpc';

/** A fetch that answers every request with this status, headers and body. */
function answering(status: number, body: string, headers: Record<string, string> = {}) {
  return async () => new Response(body, { status, headers });
}

async function callThrough(fetch: ReturnType<typeof answering>, batch: boolean) {
  const link = (batch ? httpBatchLink : httpLink)({
    url: endpoint,
    transformer: superjson,
    // As createClient does: tRPC's init type (signal may be undefined) is narrower than the DOM's.
    fetch: withReadableErrors(fetch, endpoint) as FetchLike,
  });
  const client = createTRPCClient<ClientRouter>({ links: [link] });
  try {
    await client.health.ping.query();
  } catch (error) {
    return error;
  }
  throw new Error('the call succeeded');
}

describe('requestPaths', () => {
  it('names the procedures of a single and of a batched request', () => {
    expect(requestPaths(`${endpoint}/auth.me`, endpoint)).toEqual({ paths: ['auth.me'], batch: false });
    expect(requestPaths(`${endpoint}/auth.me,health.ping?batch=1&input=%7B%7D`, endpoint)).toEqual({
      paths: ['auth.me', 'health.ping'],
      batch: true,
    });
    expect(requestPaths('https://x.example/carhub/trpc/a%2Cb?batch=1', 'https://x.example/carhub/trpc/')).toEqual({
      paths: ['a', 'b'],
      batch: true,
    });
  });
});

describe('errorShapeFor', () => {
  it("takes a REST-style body's code, message, field errors and retry time", () => {
    const body = JSON.stringify({
      message: 'Slow down.',
      code: 'TOO_MANY_REQUESTS',
      data: { code: 'TOO_MANY_REQUESTS', httpStatus: 429, fieldErrors: { '': ['Slow down.'] }, retryAfter: 7 },
    });
    expect(errorShapeFor(429, new Headers(), body, 'auth.login')).toEqual({
      message: 'Slow down.',
      code: -32029,
      data: {
        code: 'TOO_MANY_REQUESTS',
        httpStatus: 429,
        path: 'auth.login',
        fieldErrors: { '': ['Slow down.'] },
        retryAfter: 7,
      },
    });
  });

  it('names a body-less or HTML error by its status, and reads Retry-After', () => {
    const html = errorShapeFor(503, new Headers({ 'retry-after': '30' }), '<html><h1>503</h1></html>', 'a');
    expect(html).toEqual({
      message: 'The server could not answer (HTTP 503). Try again later.',
      code: -32603,
      data: { code: 'SERVICE_UNAVAILABLE', httpStatus: 503, path: 'a', fieldErrors: null, retryAfter: 30 },
    });
    expect(errorShapeFor(418, new Headers(), '', 'a').data.code).toBe('BAD_REQUEST');
    expect(errorShapeFor(599, new Headers(), '', 'a').data.code).toBe('INTERNAL_SERVER_ERROR');
    expect(errorShapeFor(413, new Headers(), 'Request Entity Too Large', 'a')).toMatchObject({
      message: 'Request Entity Too Large',
      data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 },
    });
  });
});

describe('withReadableErrors, through a tRPC client', () => {
  for (const batch of [false, true]) {
    const how = batch ? 'batched' : 'single';
    it(`turns a non-tRPC error page into an API error of its status (${how})`, async () => {
      const error = await callThrough(
        answering(502, '<html>Bad gateway</html>', { 'content-type': 'text/html' }),
        batch,
      );
      expect(error).toBeInstanceOf(TRPCClientError);
      expect(isServerError(error)).toBe(true);
      if (!isApiError(error, 'BAD_GATEWAY')) throw new Error('expected BAD_GATEWAY');
      expect(error.httpStatus).toBe(502);
      expect(isNetworkError(error)).toBe(false);
    });

    it(`reads fastify's own JSON 413 as PAYLOAD_TOO_LARGE with its message (${how})`, async () => {
      const body = JSON.stringify({
        statusCode: 413,
        code: 'FST_ERR_CTP_BODY_TOO_LARGE',
        error: 'Payload Too Large',
        message: 'Request body is too large',
      });
      const error = await callThrough(answering(413, body, { 'content-type': 'application/json' }), batch);
      if (!isPayloadTooLarge(error)) throw new Error('expected PAYLOAD_TOO_LARGE');
      expect(error.message).toBe('Request body is too large');
    });
  }

  it('leaves a tRPC error body as the server wrote it', async () => {
    const body = JSON.stringify({
      error: superjson.serialize({
        message: 'Taken.',
        code: -32009,
        data: { code: 'CONFLICT', httpStatus: 409, path: 'health.ping', fieldErrors: { username: ['Taken.'] } },
      }),
    });
    const error = await callThrough(answering(409, body, { 'content-type': 'application/json' }), false);
    if (!isApiError(error, 'CONFLICT')) throw new Error('expected CONFLICT');
    expect(error.fieldErrors).toEqual({ username: ['Taken.'] });
  });
});
