import type { AppRouter } from '@carhub/api';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import Fastify from 'fastify';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../src/config';
import { createServer } from '../src/create-server';
import { loggerOptions } from '../src/logger';
import { LogCapture, startTestServer, type TestServer } from './helpers';

describe('a running server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('answers /healthz and /readyz', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok' });
  });

  it('serves the first procedure over real HTTP, from the database and back, with Dates intact', async () => {
    const client = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${server.url}/trpc`, transformer: superjson })],
    });
    const before = Date.now();
    const [a, b] = await Promise.all([client.health.ping.query(), client.health.ping.query()]);
    expect(a.ok).toBe(true);
    expect(a.databaseTime).toBeInstanceOf(Date);
    expect(Math.abs(a.databaseTime.getTime() - before)).toBeLessThan(60_000);
    expect(b.ok).toBe(true);
  });

  it('answers an unknown procedure with a 404 carrying no stack', async () => {
    const res = await fetch(`${server.url}/trpc/health.nope`);
    expect(res.status).toBe(404);
    const body = await res.text();
    expect(body).toContain('NOT_FOUND');
    expect(body).not.toContain('stack');
  });

  it('refuses bad input with 400 and per-field messages', async () => {
    const input = encodeURIComponent(JSON.stringify({ json: { surprise: 1 } }));
    const res = await fetch(`${server.url}/trpc/health.ping?input=${input}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { json: { data: { fieldErrors: Record<string, string[]> } } } };
    expect(body.error.json.data.fieldErrors).toHaveProperty(['']);
    expect(JSON.stringify(body)).not.toContain('stack');
  });

  it('puts a request id on every response and every log line of that request', async () => {
    const res = await fetch(`${server.url}/healthz`);
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const lines = server.logs.records().filter((r) => r.reqId === id);
    expect(lines.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
  });

  it('writes the two request lines Fastify writes, field for field, with the URL masked', async () => {
    const path = '/healthz?token=line-secret-1&page=2';
    const headers = { authorization: 'Bearer line-secret-2' };
    const id = (await fetch(`${server.url}${path}`, { headers })).headers.get('x-request-id');
    const ours = server.logs.records().filter((r) => r.reqId === id);

    // Fastify's own LogController, on the same logger options.
    const logs = new LogCapture();
    const plain = Fastify({ logger: loggerOptions(testConfig({ logLevel: 'info' }), logs) });
    plain.get('/healthz', async () => ({ status: 'ok' }));
    const url = await plain.listen({ port: 0, host: '127.0.0.1' });
    await fetch(`${url}${path}`, { headers });
    await plain.close();
    const fastifys = logs.records().filter((r) => r.msg === 'incoming request' || r.msg === 'request completed');

    const shape = (line: Record<string, unknown>) => ({
      keys: Object.keys(line),
      msg: line.msg,
      req: { ...(line.req as object), host: undefined, remotePort: undefined },
      res: line.res,
    });
    expect(ours.map(shape)).toEqual(fastifys.map(shape));
    expect(ours[0]?.req).toMatchObject({ method: 'GET', url: '/healthz?token=[redacted]&page=2' });
    expect(ours[1]?.res).toEqual({ statusCode: 200 });
    expect(server.logs.text).not.toContain('line-secret');
  });

  it('keeps credentials out of the logs', async () => {
    await fetch(`${server.url}/healthz`, {
      headers: { authorization: 'Bearer secret-token-123', cookie: '__Host-session=secret-cookie-456' },
    });
    server.app.log.info(
      { req: { headers: { authorization: 'Bearer secret-token-789' } }, body: { password: 'hunter2-secret' } },
      'an object carrying secrets',
    );
    expect(server.logs.text).toContain('an object carrying secrets');
    for (const secret of ['secret-token-123', 'secret-cookie-456', 'secret-token-789', 'hunter2-secret']) {
      expect(server.logs.text).not.toContain(secret);
    }
  });

  it('sends the security headers of helmet and refuses an oversized body', async () => {
    // helmet's defaults, recorded once at start (the @fastify/helmet patch), on answers and refusals alike.
    const helmetHeaders = {
      'content-security-policy':
        "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' https: 'unsafe-inline';upgrade-insecure-requests",
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'SAMEORIGIN',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    };
    for (const path of ['/healthz', '/api/cars', '/api/no-such-route', '/trpc/health.ping']) {
      const res = await fetch(`${server.url}${path}`);
      const sent = Object.fromEntries(Object.keys(helmetHeaders).map((name) => [name, res.headers.get(name)]));
      expect(sent, path).toEqual(helmetHeaders);
    }
    const big = JSON.stringify({ json: { pad: 'x'.repeat(2 * 1024 * 1024) } });
    const tooBig = await fetch(`${server.url}/trpc/health.ping`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(tooBig.status).toBe(413);
  });
});

describe('CORS', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ corsOrigins: ['https://app.example.com'] });
  });
  afterAll(() => server.close());

  it('allows the configured origins only', async () => {
    const allowed = await fetch(`${server.url}/healthz`, { headers: { origin: 'https://app.example.com' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const other = await fetch(`${server.url}/healthz`, { headers: { origin: 'https://evil.example.com' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('with the database unreachable', () => {
  it('/healthz stays 200, /readyz is 503, and a procedure fails with a 503 that leaks nothing', async () => {
    const logs = new LogCapture();
    // Port 1 on loopback: nothing listens there, so every connection is refused.
    const app = createServer(testConfig({ logLevel: 'info', databaseUrl: 'postgres://nobody@127.0.0.1:1/none' }), {
      logStream: logs,
    });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'unavailable', reason: 'database unreachable' });

      const client = createTRPCClient<AppRouter>({
        links: [httpBatchLink({ url: `${url}/trpc`, transformer: superjson })],
      });
      const error = await client.health.ping.query().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCClientError);
      const trpcError = error as TRPCClientError<AppRouter>;
      expect(trpcError.data?.httpStatus).toBe(503);
      expect(trpcError.data?.retryAfter).toBeGreaterThan(0);
      expect(trpcError.message).toMatch(/database is unavailable/);
      expect(JSON.stringify(trpcError.shape)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);

      const logged = logs.records().find((r) => String(r.msg).startsWith('database unavailable'));
      expect(logged?.reqId).toEqual(expect.any(String));
      expect(JSON.stringify(logged)).toContain('ECONNREFUSED');
    } finally {
      await app.close();
    }
  });
});
