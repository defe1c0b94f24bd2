import { createContextInner, createTRPCRouter, errorResponses, publicProcedure } from '@carhub/api';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openApi } from '../src/openapi';
import { startTestServer, type TestServer } from './helpers';

// Our REST adapter (rest-adapter.ts) on a router of its own: how a request's path, query
// string and body become the procedure's input, on its own route and through the catch-all.
const meta = (method: 'GET' | 'POST' | 'DELETE', path: `/${string}`) => ({
  openapi: { method, path, protect: false, errorResponses: errorResponses() },
});
const probeRouter = createTRPCRouter({
  item: publicProcedure
    .meta(meta('GET', '/items/{id}'))
    .input(
      z.object({
        id: z.string(),
        count: z.number().int().optional(),
        fresh: z.boolean().optional(),
        tags: z.array(z.string()).optional(),
      }),
    )
    .output(
      z.object({
        id: z.string(),
        count: z.number().optional(),
        fresh: z.boolean().optional(),
        tags: z.array(z.string()).optional(),
      }),
    )
    .query(({ input }) => input),
  ping: publicProcedure
    .meta(meta('POST', '/ping'))
    .input(z.void())
    .output(z.object({ pong: z.boolean() }))
    .mutation(() => ({ pong: true })),
  rename: publicProcedure
    .meta(meta('POST', '/items/{id}/rename'))
    .input(z.object({ id: z.string(), name: z.string().min(1) }))
    .output(z.object({ id: z.string(), name: z.string() }))
    .mutation(({ input }) => input),
  forget: publicProcedure
    .meta(meta('DELETE', '/items/{id}'))
    .input(z.object({ id: z.string() }))
    .output(z.void())
    .mutation(() => undefined),
});

let server: TestServer;
let app: FastifyInstance;
let url: string;

beforeAll(async () => {
  server = await startTestServer();
  app = Fastify();
  app.register(openApi, {
    router: probeRouter,
    createContext: () => createContextInner({ db: server.database.db }),
  });
  url = `${await app.listen({ port: 0, host: '127.0.0.1' })}/api`;
});
afterAll(async () => {
  await app?.close();
  await server?.close();
});

describe('the REST adapter', () => {
  it('takes path parameters and coerces query values, a list field given once being a list of one', async () => {
    const res = await fetch(`${url}/items/a1?count=3&fresh=true&tags=red`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ id: 'a1', count: 3, fresh: true, tags: ['red'] });
    const many = await fetch(`${url}/items/a1?tags=red&tags=blue`);
    expect(await many.json()).toEqual({ id: 'a1', tags: ['red', 'blue'] });
  });

  it('leaves empty query values out, as if they were not given', async () => {
    const res = await fetch(`${url}/items/a1?count=`);
    expect(await res.json()).toEqual({ id: 'a1' });
  });

  it('reaches the operation through a trailing slash or another letter case', async () => {
    for (const path of ['/items/a1/?count=2', '/ITEMS/a1?count=2']) {
      const res = await fetch(url + path);
      expect(res.status, path).toBe(200);
      expect(await res.json()).toEqual({ id: 'a1', count: 2 });
    }
  });

  it('merges a JSON body with the path, and takes a body-less call to a void input', async () => {
    const renamed = await fetch(`${url}/items/a1/rename`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Blue', id: 'ignored' }),
    });
    expect(await renamed.json()).toEqual({ id: 'a1', name: 'Blue' });
    const ping = await fetch(`${url}/ping`, { method: 'POST' });
    expect(ping.status).toBe(200);
    expect(await ping.json()).toEqual({ pong: true });
  });

  it('answers a void output with 200 and no body', async () => {
    const res = await fetch(`${url}/items/a1`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('answers invalid input with the one error body naming the field', async () => {
    const res = await fetch(`${url}/items/a1/rename`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '' }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; message: string; data: { path: string; fieldErrors: unknown } };
    expect(body.code).toBe('BAD_REQUEST');
    expect(body.message).toMatch(/^Invalid input: name: /);
    expect(body.data.path).toBe('rename');
    expect(body.data.fieldErrors).toHaveProperty('name');
  });

  it('answers 404 naming the method and path when no operation has them', async () => {
    for (const [method, path] of [
      ['GET', '/nothing/here'],
      ['POST', '/items/a1'],
    ] as const) {
      const res = await fetch(url + path, { method });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'NOT_FOUND', message: `There is no ${method} /api${path}.` });
    }
  });

  it('answers HEAD with 204 and runs nothing', async () => {
    const res = await fetch(`${url}/items/a1`, { method: 'HEAD' });
    expect(res.status).toBe(204);
  });
});
