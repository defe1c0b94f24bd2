import SwaggerParser from '@apidevtools/swagger-parser';
import {
  AppError,
  appRouter,
  createContextInner,
  createTRPCRouter,
  errorResponses,
  publicProcedure,
} from '@carhub/api';
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import packageJson from '../package.json' with { type: 'json' };
import { testConfig } from '../src/config';
import { createServer } from '../src/create-server';
import { openApi } from '../src/openapi';
import { responseMeta } from '../src/response-meta';
import { LogCapture, startTestServer, type TestServer } from './helpers';
import { listProcedures, restGaps } from './procedures';

const restError = z.object({
  message: z.string(),
  code: z.string(),
  issues: z.array(z.object({ message: z.string() })).optional(),
  data: z.object({ fieldErrors: z.record(z.string(), z.array(z.string())).nullable() }).optional(),
});

const openApiDocument = z.object({
  openapi: z.string(),
  info: z.object({ title: z.string(), version: z.string() }),
  servers: z.array(z.object({ url: z.string() })),
  paths: z.record(z.string(), z.record(z.string(), z.object({ operationId: z.string() }))),
});

describe('REST under /api, /openapi.json and /docs on the real server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('serves health.ping as GET /api/health/ping over real HTTP', async () => {
    const res = await fetch(`${server.url}/api/health/ping`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = z.object({ ok: z.literal(true), databaseTime: z.iso.datetime() }).parse(await res.json());
    expect(Math.abs(Date.parse(body.databaseTime) - Date.now())).toBeLessThan(60_000);
  });

  it('publishes a document that a real OpenAPI 3.1 validator accepts', async () => {
    // It fetches the document itself; loopback URLs are refused unless allowed.
    const validated = SwaggerParser.validate(`${server.url}/openapi.json`, {
      resolve: { http: { safeUrlResolver: false } },
    });
    await expect(validated).resolves.toMatchObject({ openapi: '3.1.0' });
    const doc = openApiDocument.parse(await (await fetch(`${server.url}/openapi.json`)).json());
    expect(doc.info).toEqual({ title: 'carhub API', version: packageJson.version });
    expect(doc.servers).toEqual([{ url: '/api' }]);
  });

  it('lists every procedure of appRouter in the document, at the method and path its meta names', async () => {
    const doc = openApiDocument.parse(await (await fetch(`${server.url}/openapi.json`)).json());
    const procedures = listProcedures(appRouter);
    expect(procedures.length).toBeGreaterThan(0);
    for (const { path, rest } of procedures) {
      expect(rest, `${path} has no meta.openapi`).toBeDefined();
      if (!rest) continue;
      const operation = doc.paths[rest.path]?.[rest.method.toLowerCase()];
      expect(operation?.operationId, `${path} is missing from /openapi.json`).toBe(path.replaceAll('.', '-'));
    }
  });

  it('refuses bad input with 400, the per-field message and no stack', async () => {
    const res = await fetch(`${server.url}/api/health/ping?surprise=1`);
    expect(res.status).toBe(400);
    const text = await res.text();
    const body = restError.parse(JSON.parse(text));
    expect(body.code).toBe('BAD_REQUEST');
    expect(body.data?.fieldErrors).toEqual({ surprise: ['Unknown query parameter.'] });
    expect(body.message).toBe('Unknown query parameter "surprise": this operation takes none.');
    expect(text).not.toContain('stack');
  });

  it.each([
    ['GET', '/api/nope'],
    ['GET', '/api/health/ping/extra'],
    ['PATCH', '/api/health/ping'],
    ['DELETE', '/api/health/ping'],
    ['GET', '/api'],
  ])('answers %s %s with a 404 in the REST error shape', async (method, path) => {
    const res = await fetch(`${server.url}${path}`, { method });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(restError.parse(await res.json())).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers a body fastify cannot parse with a 400 in the same shape', async () => {
    const res = await fetch(`${server.url}/api/health/ping`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(res.status).toBe(400);
    expect(restError.parse(await res.json())).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('refuses an oversized body with 413 in the same shape', async () => {
    const res = await fetch(`${server.url}/api/health/ping`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(restError.parse(await res.json())).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('serves /docs as an HTML page whose scripts and styles all come from this server', async () => {
    const page = await fetch(`${server.url}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const assets = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(assets.filter((a) => a.endsWith('.js')).length).toBeGreaterThanOrEqual(2);
    expect(assets.filter((a) => a.endsWith('.css')).length).toBeGreaterThanOrEqual(1);

    const bodies = [html];
    for (const asset of assets) {
      // Same origin: a plain path, not an absolute or protocol-relative URL.
      expect(asset).toMatch(/^\/(?!\/)/);
      const res = await fetch(`${server.url}${asset}`);
      expect(res.status, asset).toBe(200);
      const type = res.headers.get('content-type') ?? '';
      if (asset.endsWith('.js')) expect(type).toMatch(/javascript/);
      if (asset.endsWith('.css')) expect(type).toMatch(/^text\/css/);
      bodies.push(await res.text());
    }
    const cdnHost =
      /(cdn\.jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com|fonts\.googleapis\.com|fonts\.gstatic\.com|esm\.sh|cdn\.skypack\.dev|cdn\.redoc\.ly|scalar\.com|cdn\.[a-z0-9-]+\.[a-z]+)/i;
    for (const body of bodies) expect(body).not.toMatch(cdnHost);
    // The page and its start-up script name no other host at all, and load the document from here.
    const init = bodies[assets.findIndex((a) => a.endsWith('/init.js')) + 1] ?? '';
    expect(init).toContain('"/openapi.json"');
    expect(`${html}\n${init}`).not.toMatch(/(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
  });

  it("keeps helmet's strict Content-Security-Policy, relaxing only the https upgrade on the /docs page", async () => {
    const csp = async (path: string) => {
      const res = await fetch(`${server.url}${path}`);
      // Read the body: an unread 1.7 MB script holds its response open and so the server's close.
      await res.arrayBuffer();
      return res.headers.get('content-security-policy');
    };
    const strict = await csp('/healthz');
    expect(strict).toContain("script-src 'self'");
    expect(strict).toContain('upgrade-insecure-requests');
    expect(await csp('/docs')).toBe(strict?.replace(/;?upgrade-insecure-requests/, ''));
    for (const path of ['/docs/init.js', '/docs/assets/swagger-ui-bundle.js', '/openapi.json', '/api/health/ping']) {
      expect(await csp(path), path).toBe(strict);
    }
  });
});

describe('REST with the database unreachable', () => {
  it('answers a 503 with Retry-After that leaks nothing, and logs the cause with the request id', async () => {
    const logs = new LogCapture();
    // Port 1 on loopback: nothing listens there, so every connection is refused.
    const app = createServer(testConfig({ logLevel: 'info', databaseUrl: 'postgres://nobody@127.0.0.1:1/none' }), {
      logStream: logs,
    });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const res = await fetch(`${url}/api/health/ping`);
      expect(res.status).toBe(503);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      const text = await res.text();
      expect(restError.parse(JSON.parse(text))).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);
      const logged = logs.records().find((r) => String(r.msg).startsWith('database unavailable'));
      expect(logged?.reqId).toBe(res.headers.get('x-request-id'));
      expect(JSON.stringify(logged)).toContain('ECONNREFUSED');
    } finally {
      await app.close();
    }
  });
});

/** Procedures the real router must never carry, served through the same wiring as the real server. */
const probeRouter = createTRPCRouter({
  limited: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/limited', protect: false, errorResponses: errorResponses(429) } })
    .input(z.object({}))
    .output(z.object({ ok: z.boolean() }))
    .query(() => {
      throw new AppError('TOO_MANY_REQUESTS', 'Slow down', { retryAfter: 7 });
    }),
  year: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/year', protect: false, errorResponses: errorResponses() } })
    .input(z.object({ year: z.coerce.number().int().min(1886, 'Cars exist from 1886 on') }))
    .output(z.object({ year: z.number() }))
    .query(({ input }) => input),
  broken: publicProcedure
    .meta({ openapi: { method: 'POST', path: '/broken', protect: false, errorResponses: errorResponses() } })
    .input(z.object({}))
    .output(z.object({ ok: z.boolean() }))
    .mutation(() => {
      throw new Error('relation "secret_table" does not exist');
    }),
});

describe('REST errors and Retry-After through the shared wiring', () => {
  let server: TestServer;
  let probe: FastifyInstance;
  let url: string;
  const logs = new LogCapture();

  beforeAll(async () => {
    server = await startTestServer();
    probe = Fastify({ logger: { level: 'info', stream: logs } });
    const trpcOptions = {
      router: probeRouter,
      createContext: ({ req }) => ({ ...createContextInner({ db: server.database.db }), requestId: req.id }),
      onError({ error, path, req }) {
        if (error.code === 'INTERNAL_SERVER_ERROR')
          req.log.error({ err: error.cause ?? error, path }, 'procedure failed');
      },
      responseMeta,
    } satisfies FastifyTRPCPluginOptions<typeof probeRouter>['trpcOptions'];
    probe.register(fastifyTRPCPlugin, { prefix: '/trpc', trpcOptions });
    probe.register(openApi, {
      router: probeRouter,
      createContext: async (req: FastifyRequest) => ({
        ...(await createContextInner({ db: server.database.db })),
        requestId: req.id,
      }),
      onError: trpcOptions.onError,
      responseMeta,
    });
    url = await probe.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await probe?.close();
    await server?.close();
  });

  it('sends Retry-After with a 429 on /api', async () => {
    const res = await fetch(`${url}/api/limited`);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(restError.parse(await res.json())).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: 'Slow down' });
  });

  it('sends Retry-After with a 429 on /trpc, single and batched', async () => {
    const single = await fetch(`${url}/trpc/limited?input=${encodeURIComponent('{"json":{}}')}`);
    expect(single.status).toBe(429);
    expect(single.headers.get('retry-after')).toBe('7');
    expect(await single.text()).toContain('TOO_MANY_REQUESTS');
    const batch = await fetch(
      `${url}/trpc/limited,year?batch=1&input=${encodeURIComponent('{"0":{"json":{}},"1":{"json":{"year":2000}}}')}`,
    );
    expect(batch.headers.get('retry-after')).toBe('7');
    expect(await batch.text()).toContain('TOO_MANY_REQUESTS');
  });

  it('sends no Retry-After on other answers', async () => {
    const ok = await fetch(`${url}/api/year?year=2001`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ year: 2001 });
    expect(ok.headers.get('retry-after')).toBeNull();
  });

  it('names the field and its message on a 400', async () => {
    const res = await fetch(`${url}/api/year?year=1500`);
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(restError.parse(JSON.parse(text)).data?.fieldErrors).toEqual({ year: ['Cars exist from 1886 on'] });
    expect(text).not.toContain('stack');
  });

  it('answers an unexpected failure with a 500 that leaks nothing, and logs it with the request id', async () => {
    const res = await fetch(`${url}/api/broken`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(restError.parse(JSON.parse(text))).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      message: 'Internal server error',
    });
    expect(text).not.toMatch(/secret_table|stack/);
    const logged = logs.records().find((r) => r.msg === 'procedure failed');
    expect(logged?.reqId).toEqual(expect.any(String));
    expect(JSON.stringify(logged)).toContain('secret_table');
  });

  it('documents 429 where a procedure declares it', async () => {
    const doc = z
      .object({
        paths: z.record(z.string(), z.record(z.string(), z.object({ responses: z.record(z.string(), z.unknown()) }))),
      })
      .parse(await (await fetch(`${url}/openapi.json`)).json());
    expect(Object.keys(doc.paths['/limited']?.get?.responses ?? {})).toEqual(['200', '400', '429', '500']);
  });
});

describe('the REST coverage guard', () => {
  it('finds no procedure of appRouter without meta.openapi, its errorResponses or an output schema', () => {
    expect(restGaps(appRouter)).toEqual([]);
  });

  it('reports a procedure without meta.openapi, without errorResponses, without an output schema, nested too', () => {
    const output = z.object({ ok: z.boolean() });
    const bad = createTRPCRouter({
      fine: publicProcedure
        .meta({ openapi: { method: 'GET', path: '/fine', errorResponses: errorResponses() } })
        .input(z.object({}))
        .output(output)
        .query(() => ({ ok: true })),
      noMeta: publicProcedure
        .input(z.object({}))
        .output(output)
        .query(() => ({ ok: true })),
      noErrors: publicProcedure
        .meta({ openapi: { method: 'GET', path: '/no-errors' } })
        .input(z.object({}))
        .output(output)
        .query(() => ({ ok: true })),
      noOutput: publicProcedure
        .meta({ openapi: { method: 'POST', path: '/no-output', errorResponses: errorResponses() } })
        .input(z.object({}))
        .mutation(() => ({ ok: true })),
      nested: createTRPCRouter({ bare: publicProcedure.query(() => 1) }),
    });
    expect(restGaps(bad)).toEqual([
      'nested.bare: no meta.openapi { method, path }',
      'nested.bare: no .output() schema',
      'noErrors: no meta.openapi.errorResponses',
      'noMeta: no meta.openapi { method, path }',
      'noOutput: no .output() schema',
    ]);
  });
});
