import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers';

// patches/@trpc__server@11.22.1.patch: a whole JSON answer goes out as one body with its length,
// not as a web stream sent chunked; its status and headers are the Response's.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('tRPC answers over Fastify', () => {
  it('sends a JSON answer with Content-Length, not chunked', async () => {
    const res = await fetch(`${server.url}/trpc/health.ping`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('transfer-encoding')).toBeNull();
    const body = await res.text();
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(body));
    expect(JSON.parse(body)).toHaveProperty('result.data');
  });

  it('keeps an error answer its status and body, and a batch its per-call results', async () => {
    const missing = await fetch(`${server.url}/trpc/no.such.procedure`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { json: { data: { code: string } } } }).error.json.data.code).toBe(
      'NOT_FOUND',
    );
    const input = encodeURIComponent(JSON.stringify({ 0: {}, 1: {} }));
    const batch = await fetch(`${server.url}/trpc/health.ping,health.ping?batch=1&input=${input}`);
    expect(batch.status).toBe(200);
    expect((await batch.json()) as unknown[]).toHaveLength(2);
  });
});
