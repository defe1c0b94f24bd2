import { AppError, createContextInner, createTRPCRouter, publicProcedure, sessionsFor } from '@carhub/api';
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { responseMeta } from '../src/response-meta';
import { trpcRoute } from '../src/trpc-route';
import { startTestServer, type TestServer } from './helpers';

// Our /trpc route (trpc-route.ts) answers GETs of queries itself and hands everything else to
// tRPC's handler: every request below must get the same answer from it as from tRPC's own
// fastify plugin, byte for byte, with the same status and headers.
const router = createTRPCRouter({
  hello: publicProcedure
    .input(z.object({ name: z.string().min(1) }))
    .output(z.object({ greeting: z.string(), at: z.date() }))
    .query(({ input }) => ({ greeting: `Hello, ${input.name}`, at: new Date(Date.UTC(2026, 0, 2)) })),
  whoami: publicProcedure.output(z.object({ username: z.string() })).query(({ ctx }) => {
    if (!ctx.auth) throw new AppError('UNAUTHORIZED', 'Sign in first.');
    return { username: ctx.auth.user.username };
  }),
  limited: publicProcedure.output(z.object({ ok: z.boolean() })).query(() => {
    throw new AppError('TOO_MANY_REQUESTS', 'Slow down', { retryAfter: 7 });
  }),
  broken: publicProcedure.output(z.object({ ok: z.boolean() })).query(() => {
    throw new Error('relation "secret_table" does not exist');
  }),
  change: publicProcedure.output(z.object({ ok: z.boolean() })).mutation(() => ({ ok: true })),
});

let server: TestServer;
const apps: FastifyInstance[] = [];
let ours: string;
let theirs: string;
let token: string;
const failures: { server: string; path: string | undefined; code: string }[] = [];
const handledBy: ('lean' | 'tRPC')[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const db = server.database.db;
  const user = await db
    .insertInto('users')
    .values({
      username: 'trpc_route_user',
      email: 'trpc_route@example.com',
      passwordHash: 'x',
      firstName: 'T',
      lastName: 'R',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  token = (await sessionsFor(db).create(user.id, { userAgent: 'test', ip: null })).token;
  const start = async (name: string, plugin: 'ours' | 'theirs') => {
    const app = Fastify();
    apps.push(app);
    const trpcOptions = {
      router,
      createContext: ({ req, info }) => {
        // tRPC's own handler gives the request's URL; our path for queries gives none.
        if (plugin === 'ours') handledBy.push(info.url === null ? 'lean' : 'tRPC');
        const header = req.headers.authorization;
        return createContextInner({ db, token: header ? sessionsFor(db).readBearer(header) : null });
      },
      onError: ({ error, path }) => void failures.push({ server: name, path, code: error.code }),
      responseMeta,
      maxBatchSize: 3,
    } satisfies FastifyTRPCPluginOptions<typeof router>['trpcOptions'];
    app.register(plugin === 'ours' ? trpcRoute : fastifyTRPCPlugin, { prefix: '/trpc', trpcOptions });
    return app.listen({ port: 0, host: '127.0.0.1' });
  };
  ours = await start('ours', 'ours');
  theirs = await start('theirs', 'theirs');
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await server?.close();
});

const input = (json: unknown) => encodeURIComponent(JSON.stringify({ json }));
const batchInput = (inputs: Record<number, unknown>) =>
  encodeURIComponent(JSON.stringify(Object.fromEntries(Object.entries(inputs).map(([i, json]) => [i, { json }]))));

async function answer(base: string, path: string, init: RequestInit = {}) {
  const res = await fetch(`${base}/trpc/${path}`, init);
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    vary: res.headers.get('vary'),
    retryAfter: res.headers.get('retry-after'),
    body: await res.text(),
  };
}

const cases: [string, string, RequestInit?][] = [
  ['a query', `hello?input=${input({ name: 'Ada' })}`],
  ['a query with invalid input', `hello?input=${input({ name: '' })}`],
  ['a query without its input', 'hello'],
  ['input that is not JSON', 'hello?input=%7Bnope'],
  ['a signed-in query, anonymous', 'whoami'],
  ['a signed-in query, signed in', 'whoami', { headers: { authorization: 'Bearer TOKEN' } }],
  ['a refusal with Retry-After', 'limited'],
  ['an unexpected failure', 'broken'],
  ['a batch of queries', `hello,hello?batch=1&input=${batchInput({ 0: { name: 'A' }, 1: { name: 'B' } })}`],
  ['a batch of mixed outcomes (207)', `hello,whoami,limited?batch=1&input=${batchInput({ 0: { name: 'C' } })}`],
  ['a batch whose input is a list', `hello?batch=1&input=${encodeURIComponent('[1]')}`],
  ['a batch over the limit', 'hello,hello,hello,hello?batch=1'],
  ['a batch naming an unknown procedure', `hello,nothing?batch=1&input=${batchInput({ 0: { name: 'D' } })}`],
  ['an unknown procedure', 'nothing'],
  ['a mutation by GET', 'change'],
  ['a mutation by POST', 'change', { method: 'POST' }],
  ['a HEAD request', 'hello', { method: 'HEAD' }],
];

describe('the /trpc route', () => {
  it.each(cases)('answers %s as tRPC does', async (_name, path, init = {}) => {
    const headers = Object.fromEntries(
      Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k, v.replace('TOKEN', token)]),
    );
    failures.length = 0;
    const [a, b] = await Promise.all([
      answer(ours, path, { ...init, headers }),
      answer(theirs, path, { ...init, headers }),
    ]);
    expect(a).toEqual(b);
    // onError is told of the same failures (order aside: the calls of a batch run together).
    const told = (who: string) =>
      failures
        .filter((f) => f.server === who)
        .map((f) => `${f.path}:${f.code}`)
        .sort();
    expect(told('ours')).toEqual(told('theirs'));
  });

  it('answers GETs of queries itself and hands the rest to tRPC', async () => {
    const by = async (path: string, init?: RequestInit) => {
      handledBy.length = 0;
      await answer(ours, path, init);
      return handledBy[0];
    };
    expect(await by(`hello?input=${input({ name: 'Ada' })}`)).toBe('lean');
    expect(await by(`hello,whoami?batch=1&input=${batchInput({ 0: { name: 'A' } })}`)).toBe('lean');
    const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' };
    expect(await by('change', post)).toBe('tRPC');
    expect(await by('hello,nothing?batch=1')).toBe('tRPC');
    expect(await by('hello?input=%7Bnope')).toBe('tRPC');
    expect(
      await by(`hello?batch=1&input=${batchInput({ 0: { name: 'A' } })}`, {
        headers: { 'trpc-accept': 'application/jsonl' },
      }),
    ).toBe('tRPC');
  });

  it('serves the Dates of an answer through the transformer', async () => {
    const res = await answer(ours, `hello?input=${input({ name: 'Ada' })}`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      result: {
        data: {
          json: { greeting: 'Hello, Ada', at: '2026-01-02T00:00:00.000Z' },
          meta: { values: { at: ['Date'] }, v: 1 },
        },
      },
    });
  });
});
