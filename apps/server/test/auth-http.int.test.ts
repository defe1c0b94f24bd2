import { SESSION_COOKIE } from '@carhub/api';
import { createDb } from '@carhub/db';
import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../src/config';
import { createServer } from '../src/create-server';
import { LogCapture } from './helpers';

const password = 'a-long-http-password-1';

interface TrpcReply {
  result?: { data: { json: Record<string, unknown> } };
  error?: { json: { message: string; data: { code: string; httpStatus: number; retryAfter?: number } } };
}

/** Plain HTTP against /trpc, the way a browser or curl meets it. */
function trpc(base: string) {
  return {
    async mutation(path: string, input: unknown, headers: Record<string, string> = {}) {
      const res = await fetch(`${base}/trpc/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ json: input }),
      });
      return { res, body: (await res.json()) as TrpcReply };
    },
    async query(path: string, headers: Record<string, string> = {}) {
      const res = await fetch(`${base}/trpc/${path}`, { headers });
      return { res, body: (await res.json()) as TrpcReply };
    },
  };
}

describe('auth over HTTP', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let base: string;
  const logs = new LogCapture();

  beforeAll(async () => {
    database = await createTestDatabase();
    app = createServer(testConfig({ logLevel: 'debug' }), { db: database.db, logStream: logs });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
    await database.destroy().catch(() => {});
  });

  async function register(username: string) {
    const { res, body } = await trpc(base).mutation('auth.register', {
      username,
      email: `${username}@example.com`,
      password,
      passwordConfirm: password,
      firstName: 'Http',
      lastName: 'User',
    });
    expect(res.status).toBe(200);
    return { res, token: body.result?.data.json.token as string };
  }

  it('gives browsers an HttpOnly, Secure, SameSite=Lax __Host- cookie that authenticates', async () => {
    const { res, token } = await register('cookie_user');
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=${token};`));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/Secure/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//i);
    expect(setCookie).not.toMatch(/Domain=/i);

    const me = await trpc(base).query('auth.me', { cookie: `${SESSION_COOKIE}=${token}` });
    expect(me.res.status).toBe(200);
    expect(me.body.result?.data.json.username).toBe('cookie_user');
  });

  it('refuses a cookie-only state change from a foreign origin, allows our origin and Bearer callers', async () => {
    const { token } = await register('csrf_user');
    const cookie = `${SESSION_COOKIE}=${token}`;
    const api = trpc(base);

    const foreign = await api.mutation(
      'auth.updateMe',
      { firstName: 'Hacked' },
      { cookie, origin: 'https://evil.example' },
    );
    expect(foreign.res.status).toBe(403);
    const noOrigin = await api.mutation('auth.updateMe', { firstName: 'Hacked' }, { cookie });
    expect(noOrigin.res.status).toBe(403);
    expect((await api.query('auth.me', { cookie })).body.result?.data.json.firstName).toBe('Http');

    const same = await api.mutation('auth.updateMe', { firstName: 'Same' }, { cookie, origin: base });
    expect(same.res.status).toBe(200);
    const bearer = await api.mutation(
      'auth.updateMe',
      { firstName: 'Bearer' },
      { authorization: `Bearer ${token}`, origin: 'https://evil.example' },
    );
    expect(bearer.res.status).toBe(200);
    expect(bearer.body.result?.data.json.firstName).toBe('Bearer');
  });

  it('counts every call in one tRPC batch: 5 failures, then a batch of 10 -> 5 tries and 5 429s', async () => {
    await register('batch_target');
    for (let i = 0; i < 5; i++) {
      const { res } = await trpc(base).mutation('auth.login', {
        identifier: 'batch_target',
        password: `single-${i}-x`,
      });
      expect(res.status).toBe(401);
    }
    const calls = 10;
    const paths = Array.from({ length: calls }, () => 'auth.login').join(',');
    const body = Object.fromEntries(
      Array.from({ length: calls }, (_, i) => [i, { json: { identifier: 'batch_target', password: `wrong-${i}-xx` } }]),
    );
    const res = await fetch(`${base}/trpc/${paths}?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const results = (await res.json()) as TrpcReply[];
    const codes = results.map((r) => r.error?.json.data.code);
    expect(codes.filter((c) => c === 'UNAUTHORIZED')).toHaveLength(5);
    expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(5);
    const limited = results.find((r) => r.error?.json.data.code === 'TOO_MANY_REQUESTS');
    expect(limited?.error?.json.data.retryAfter).toBeGreaterThan(0);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);

    // The right password from the same address is throttled too: nothing is learnt by guessing on.
    const after = await trpc(base).mutation('auth.login', { identifier: 'batch_target', password });
    expect(after.res.status).toBe(429);
  });

  it('caps the size of a batch', async () => {
    const paths = Array.from({ length: 11 }, () => 'health.ping').join(',');
    const res = await fetch(`${base}/trpc/${paths}?batch=1&input=${encodeURIComponent('{}')}`);
    expect(res.status).toBe(400);
    const ten = Array.from({ length: 10 }, () => 'health.ping').join(',');
    expect((await fetch(`${base}/trpc/${ten}?batch=1&input=${encodeURIComponent('{}')}`)).status).toBe(200);
  });

  it('logs no token, password or hash', async () => {
    const { token } = await register('quiet_user');
    await trpc(base).mutation('auth.login', { identifier: 'quiet_user', password });
    await trpc(base).query('auth.me', { authorization: `Bearer ${token}` });
    const hash = await database.db
      .selectFrom('users')
      .select('passwordHash')
      .where('username', '=', 'quiet_user')
      .executeTakeFirstOrThrow();
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(logs.text).not.toContain(token);
    expect(logs.text).not.toContain(password);
    expect(logs.text).not.toContain(hash.passwordHash);
  });
});

describe('throttling across server instances', () => {
  it('two servers on one database share the failed-login count', async () => {
    const database = await createTestDatabase();
    // On PostgreSQL each instance gets its own pool, as two processes would; an in-memory
    // PGlite can only be shared by handle.
    const second = database.engine === 'postgres' ? createDb(database.url) : database.db;
    const a = createServer(testConfig(), { db: database.db });
    const b = createServer(testConfig(), { db: second });
    const [urlA, urlB] = [
      await a.listen({ port: 0, host: '127.0.0.1' }),
      await b.listen({ port: 0, host: '127.0.0.1' }),
    ];
    try {
      await trpc(urlA).mutation('auth.register', {
        username: 'shared_target',
        email: 'shared@example.com',
        password,
        passwordConfirm: password,
        firstName: 'S',
        lastName: 'T',
      });
      for (let i = 0; i < 10; i++) {
        const target = i % 2 === 0 ? urlA : urlB;
        const { res } = await trpc(target).mutation('auth.login', {
          identifier: 'shared_target',
          password: `bad-${i}-pass`,
        });
        expect(res.status).toBe(401);
      }
      for (const url of [urlA, urlB]) {
        const { res, body } = await trpc(url).mutation('auth.login', { identifier: 'shared_target', password });
        expect(res.status).toBe(429);
        expect(body.error?.json.data.retryAfter).toBeGreaterThan(0);
      }
    } finally {
      await a.close();
      if (second !== database.db) await b.close();
      await database.destroy().catch(() => {});
    }
  });
});
