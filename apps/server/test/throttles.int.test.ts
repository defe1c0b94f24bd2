import { createDb } from '@carhub/db';
import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../src/config';
import { createServer } from '../src/create-server';

/**
 * Throttles shared by two server instances on one database (on PostgreSQL; on the embedded
 * database, which one process owns, the two URLs are one instance). Each test speaks from its
 * own client address (X-Forwarded-For, trusted here), so their counts don't mix.
 */
const RATE_LIMIT = 200;
const password = 'correct-horse-battery-9';
let database: TestDatabase;
let apps: FastifyInstance[] = [];
let urls: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig({ trustProxy: true, apiRateLimitPerMinute: RATE_LIMIT });
  const first = createServer(config, { db: database.db });
  apps = [first];
  if (database.engine === 'postgres') apps.push(createServer(config, { db: createDb(database.url) }));
  urls = [];
  for (const app of apps) urls.push(await app.listen({ port: 0, host: '127.0.0.1' }));
  if (urls.length === 1) urls.push(urls[0] as string);
}, 60_000);
afterAll(async () => {
  for (const app of apps.slice(1)) await app.close();
  await apps[0]?.close();
  await database.destroy().catch(() => {});
});

const at = (i: number) => urls[i % 2] as string;

async function call(i: number, ip: string, path: string, input: unknown) {
  const res = await fetch(`${at(i)}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ json: input }),
  });
  const body = (await res.json()) as { error?: { json: { data: { code: string; retryAfter?: number } } } };
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body };
}

let users = 0;
async function register(ip: string, i = 0) {
  users += 1;
  const username = `thr${users}_${Math.random().toString(36).slice(2, 7)}`;
  const reply = await call(i, ip, 'auth.register', {
    username,
    email: `${username}@example.com`,
    password,
    passwordConfirm: password,
    firstName: 'T',
    lastName: 'R',
  });
  return { username, status: reply.status, retryAfter: reply.retryAfter };
}

describe('login throttle across instances', () => {
  it('counts failures per account and IP on both instances: the 11th try is 429 with Retry-After', async () => {
    const { username } = await register('198.51.100.1');
    for (let i = 0; i < 10; i++) {
      expect(
        (await call(i, '198.51.100.1', 'auth.login', { identifier: username, password: `bad-${i}-pw` })).status,
      ).toBe(401);
    }
    for (const i of [0, 1]) {
      const limited = await call(i, '198.51.100.1', 'auth.login', { identifier: username, password });
      expect(limited.status).toBe(429);
      expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    }
  });

  it("a success resets the account's count", async () => {
    const { username } = await register('198.51.100.2');
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 9; i++) {
        expect(
          (await call(i, '198.51.100.2', 'auth.login', { identifier: username, password: `bad-${i}-pw` })).status,
        ).toBe(401);
      }
      expect((await call(round, '198.51.100.2', 'auth.login', { identifier: username, password })).status).toBe(200);
    }
  });

  it('successes do not count toward the IP: 70 sign-ins from one office address all succeed', async () => {
    const ip = '198.51.100.3';
    const accounts = [await register(ip), await register(ip, 1)];
    for (let i = 0; i < 70; i++) {
      const account = accounts[i % 2] as { username: string };
      expect((await call(i, ip, 'auth.login', { identifier: account.username, password })).status).toBe(200);
    }
  }, 120_000);

  it('failures do count toward the IP across accounts: 60, then 429', async () => {
    const ip = '198.51.100.4';
    for (let i = 0; i < 60; i++) {
      expect((await call(i, ip, 'auth.login', { identifier: `nobody${i}`, password: 'wrong-password-1' })).status).toBe(
        401,
      );
    }
    const limited = await call(0, ip, 'auth.login', { identifier: 'nobody-else', password: 'wrong-password-1' });
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
  }, 120_000);
});

describe('sign-up throttle across instances', () => {
  it('allows 20 sign-ups per IP an hour, then 429 with Retry-After on either instance', async () => {
    const ip = '198.51.100.5';
    for (let i = 0; i < 20; i++) expect((await register(ip, i)).status).toBe(200);
    for (const i of [0, 1]) {
      const refused = await register(ip, i);
      expect(refused.status).toBe(429);
      expect(Number(refused.retryAfter)).toBeGreaterThan(60);
    }
    // Another address is not affected.
    expect((await register('198.51.100.6')).status).toBe(200);
  }, 120_000);
});

describe('password-reset throttle across instances', () => {
  it('allows 20 reset requests per IP an hour (any addresses), then 429 with Retry-After on either instance', async () => {
    const ip = '198.51.100.10';
    // A new address each time, known or not, so only the per-IP count can refuse.
    const ask = (i: number, n: number) =>
      call(i, ip, 'auth.requestPasswordReset', { email: `reset-ip-${n}@example.com` });
    for (let n = 0; n < 20; n++) expect((await ask(n, n)).status).toBe(200);
    for (const i of [0, 1]) {
      const refused = await ask(i, 100 + i);
      expect(refused.status).toBe(429);
      expect(Number(refused.retryAfter)).toBeGreaterThan(60);
    }
    // Another address is not affected.
    expect((await call(0, '198.51.100.11', 'auth.requestPasswordReset', { email: 'x@example.com' })).status).toBe(200);
  }, 120_000);
});

describe('request limiter: a batch counts as its calls', () => {
  const batch = (i: number, ip: string, size: number) => {
    const paths = Array.from({ length: size }, () => 'health.ping').join(',');
    const input = encodeURIComponent(
      JSON.stringify(Object.fromEntries(Array.from({ length: size }, (_, k) => [k, {}]))),
    );
    return fetch(`${at(i)}/trpc/${paths}?batch=1&input=${input}`, { headers: { 'x-forwarded-for': ip } });
  };

  it('refuses a batch over 10 calls with 400 before running any', async () => {
    const res = await batch(0, '198.51.100.7', 11);
    expect(res.status).toBe(400);
    // In tRPC's own error shape, as every refusal under /trpc is.
    const body = (await res.json()) as { error: { json: { data: { code: string } } } };
    expect(body.error.json.data.code).toBe('BAD_REQUEST');
  });

  it(`${RATE_LIMIT / 10} batches of 10 use up ${RATE_LIMIT} calls a minute on both instances together; then 429 with Retry-After`, async () => {
    const ip = '198.51.100.8';
    for (let i = 0; i < RATE_LIMIT / 10; i++) expect((await batch(i, ip, 10)).status).toBe(200);
    for (const i of [0, 1]) {
      const limited = await batch(i, ip, 1);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // Health checks are never limited.
    const ready = await fetch(`${at(0)}/readyz`, { headers: { 'x-forwarded-for': ip } });
    expect(ready.status).toBe(200);
    // Another address is not affected.
    expect((await batch(0, '198.51.100.9', 10)).status).toBe(200);
  }, 60_000);

  it(`a burst of ${RATE_LIMIT + 10} concurrent calls from one address gets exactly ${RATE_LIMIT} through`, async () => {
    // Concurrent calls share statements (coalescedCounter): each must still get its own place.
    const ip = '198.51.100.12';
    const statuses = await Promise.all(
      Array.from({ length: RATE_LIMIT + 10 }, async (_, i) => (await batch(i, ip, 1)).status),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(RATE_LIMIT);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10);
  }, 60_000);
});
