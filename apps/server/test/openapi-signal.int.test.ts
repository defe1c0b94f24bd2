import { initTRPC } from '@trpc/server';
import Fastify, { type FastifyInstance } from 'fastify';
import { fastifyTRPCOpenApiPlugin, type OpenApiMeta } from 'trpc-to-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

// The REST adapter's per-call abort signal (patches/trpc-to-openapi@3.3.0.patch): it aborts
// when the client goes away, never when the answer was sent.
const t = initTRPC.context<{ signal: AbortSignal | undefined }>().meta<OpenApiMeta>().create();
const router = t.router({
  quick: t.procedure
    .meta({ openapi: { method: 'GET', path: '/quick' } })
    .input(z.object({}))
    .output(z.object({ ok: z.boolean() }))
    .query(() => ({ ok: true })),
  slow: t.procedure
    .meta({ openapi: { method: 'GET', path: '/slow' } })
    .input(z.object({}))
    .output(z.object({ ok: z.boolean() }))
    .query(async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { ok: true };
    }),
});

const signals: AbortSignal[] = [];
let app: FastifyInstance;
let url: string;

beforeAll(async () => {
  app = Fastify();
  await app.register(fastifyTRPCOpenApiPlugin, {
    router,
    createContext: ({ info }: { info: { signal: AbortSignal } }) => {
      signals.push(info.signal);
      return { signal: info.signal };
    },
  } as never);
  url = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => app.close());

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('REST call signal', () => {
  it('stays unaborted when the answer was sent', async () => {
    signals.length = 0;
    const response = await fetch(`${url}/quick`, { headers: { connection: 'close' } });
    expect(await response.json()).toEqual({ ok: true });
    await settle();
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(false);
  });

  it('aborts when the client disconnects before the answer', async () => {
    signals.length = 0;
    const controller = new AbortController();
    const call = fetch(`${url}/slow`, { signal: controller.signal }).catch(() => null);
    while (signals.length === 0) await settle();
    controller.abort();
    await call;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(signals[0]?.aborted).toBe(true);
  });
});
