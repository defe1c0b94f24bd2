import { createDb } from '@carhub/db';
import { createTestDatabase, type TestDatabase, testServerUrl } from '@carhub/db/testing';
import type { FastifyInstance } from 'fastify';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../src/config';
import { createServer } from '../src/create-server';
import { startTestServer, type TestServer } from './helpers';
import { solid } from './photo-helpers';
import { registerOverRest, restClient } from './rest-client';

/** One request with whatever headers the test sets; the body parsed when it is JSON. */
async function send(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? null : JSON.stringify(options.body),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    body: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text,
  };
}

const AREA_SAMPLES: Array<{ area: string; rest: string; trpc: string }> = [
  { area: 'auth', rest: '/api/auth/me', trpc: 'auth.me' },
  { area: 'cars', rest: '/api/cars', trpc: 'cars.list' },
  { area: 'inventory', rest: '/api/inventory', trpc: 'inventory.list' },
  { area: 'bookings', rest: '/api/bookings', trpc: 'bookings.list' },
  { area: 'sales', rest: '/api/sales', trpc: 'sales.list' },
  { area: 'staff', rest: '/api/staff', trpc: 'staff.list' },
  { area: 'notifications', rest: '/api/notifications', trpc: 'notifications.list' },
  { area: 'admin', rest: '/api/admin/users', trpc: 'admin.users.list' },
];

/** A key sent as X-API-Key, and as a Bearer token. */
const bothWays = (key: string): Array<Record<string, string>> => [
  { 'x-api-key': key },
  { authorization: `Bearer ${key}` },
];

const trpcQuery = (path: string) =>
  `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize({})))}`;

describe('API keys over HTTP', () => {
  let server: TestServer;
  let adminToken: string;
  let adminId: string;

  async function createKey(scopes: string[], token = adminToken) {
    const reply = await send(server.url, 'POST', '/api/api-keys', {
      body: { name: `key ${scopes.join(' ')}`, scopes },
      headers: { authorization: `Bearer ${token}` },
    });
    expect(reply.status).toBe(200);
    return reply.body as { id: string; key: string; prefix: string };
  }

  beforeAll(async () => {
    server = await startTestServer({ apiKeyRateLimit: 10_000 });
    const admin = await registerOverRest(restClient(server.url), 'keyadmin');
    await server.database.db.updateTable('users').set({ role: 'admin' }).where('id', '=', admin.id).execute();
    adminToken = admin.token;
    adminId = admin.id;
  });
  afterAll(() => server.close());

  it('creates, lists (no secrets) and revokes keys over REST; a key cannot do any of that', async () => {
    const created = await createKey(['*:read', '*:write']);
    expect(created.key).toMatch(/^chk_/);
    const listed = await send(server.url, 'GET', '/api/api-keys', {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(listed.status).toBe(200);
    expect(listed.text).not.toContain(created.key);
    expect(listed.body.items.map((k: { id: string }) => k.id)).toContain(created.id);
    const admins = await send(server.url, 'GET', `/api/admin/api-keys?userId=${adminId}`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(admins.body.items.map((k: { id: string }) => k.id)).toContain(created.id);
    for (const headers of bothWays(created.key)) {
      expect((await send(server.url, 'GET', '/api/api-keys', { headers })).status).toBe(403);
      expect((await send(server.url, 'GET', '/api/admin/api-keys', { headers })).status).toBe(403);
      expect(
        (await send(server.url, 'POST', '/api/api-keys', { headers, body: { name: 'x', scopes: ['*:read'] } })).status,
      ).toBe(403);
      expect((await send(server.url, 'GET', '/api/auth/sessions', { headers })).status).toBe(403);
    }
    const revoked = await send(server.url, 'DELETE', `/api/api-keys/${created.id}`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(revoked.status).toBe(200);
    const after = await send(server.url, 'GET', '/api/auth/me', { headers: { 'x-api-key': created.key } });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('UNAUTHORIZED');
  });

  it('a read key of each area opens that area over REST and tRPC, and no other', async () => {
    for (const sample of AREA_SAMPLES) {
      const { key } = await createKey([`${sample.area}:read`]);
      const other = AREA_SAMPLES.find((s) => s.area !== sample.area) ?? sample;
      for (const headers of bothWays(key)) {
        expect((await send(server.url, 'GET', sample.rest, { headers })).status, sample.rest).toBe(200);
        expect((await send(server.url, 'GET', trpcQuery(sample.trpc), { headers })).status, sample.trpc).toBe(200);
        const refused = await send(server.url, 'GET', other.rest, { headers });
        expect(refused.status, `${other.rest} with ${sample.area}:read`).toBe(403);
        expect(refused.body.message).toMatch(`${other.area}:read`);
        expect((await send(server.url, 'GET', trpcQuery(other.trpc), { headers })).status).toBe(403);
      }
    }
  });

  it('mutations need the write scope, over REST and tRPC', async () => {
    const reader = await createKey(['cars:read']);
    const writer = await createKey(['cars:write']);
    const car = { make: 'Dacia', model: 'Sandero', year: 2020 };
    expect(
      (await send(server.url, 'POST', '/api/cars', { body: car, headers: { 'x-api-key': reader.key } })).status,
    ).toBe(403);
    const rest = await send(server.url, 'POST', '/api/cars', { body: car, headers: { 'x-api-key': writer.key } });
    expect(rest.status).toBe(200);
    expect(rest.body.ownerId).toBe(adminId);
    const trpcBody = JSON.stringify(superjson.serialize(car));
    const denied = await fetch(`${server.url}/trpc/cars.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${reader.key}` },
      body: trpcBody,
    });
    expect(denied.status).toBe(403);
    const allowed = await fetch(`${server.url}/trpc/cars.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${writer.key}` },
      body: trpcBody,
    });
    expect(allowed.status).toBe(200);
  });

  it('an unknown key is 401 on REST and tRPC, public procedures included', async () => {
    const headers = { 'x-api-key': `chk_${'A'.repeat(43)}` };
    expect((await send(server.url, 'GET', '/api/inventory', { headers })).status).toBe(401);
    expect((await send(server.url, 'GET', trpcQuery('inventory.list'), { headers })).status).toBe(401);
  });

  it('the CSV exports follow the same scopes', async () => {
    const reader = await createKey(['admin:read']);
    const other = await createKey(['cars:read']);
    const ok = await send(server.url, 'GET', '/api/admin/export/cars.csv', { headers: { 'x-api-key': reader.key } });
    expect(ok.status).toBe(200);
    const refused = await send(server.url, 'GET', '/api/admin/export/cars.csv', {
      headers: { 'x-api-key': other.key },
    });
    expect(refused.status).toBe(403);
  });

  it('the OpenAPI document declares the key scheme and Idempotency-Key on every create', async () => {
    const doc = (await send(server.url, 'GET', '/openapi.json')).body;
    expect(doc.components.securitySchemes.ApiKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
    const creates: Array<[string, string]> = [
      ['/cars', 'post'],
      ['/inventory', 'post'],
      ['/bookings', 'post'],
      ['/sales', 'post'],
      ['/staff', 'post'],
      ['/admin/users', 'post'],
      ['/cars/{carId}/photos', 'post'],
    ];
    for (const [path, method] of creates) {
      const operation = doc.paths[path]?.[method];
      const header = operation?.parameters?.find((p: { in: string; name: string }) => p.in === 'header');
      expect(header?.name, path).toBe('idempotency-key');
      expect(header?.schema?.maxLength, path).toBe(255);
      expect(operation.security, path).toContainEqual({ ApiKey: [] });
    }
    expect(doc.paths['/admin/export/cars.csv']?.get?.security).toContainEqual({ ApiKey: [] });
    expect(doc.paths['/api-keys']?.get).toBeDefined();
    expect(doc.paths['/admin/api-keys/{id}']?.delete).toBeDefined();
  });
});

describe('Idempotency-Key over HTTP', () => {
  let server: TestServer;
  let token: string;
  let carId: string;
  let day = 40;

  const rental = () => {
    day += 3;
    const date = (n: number) => new Date(Date.now() + (day + n) * 86_400_000).toISOString().slice(0, 10);
    return { carId, kind: 'rental', startDate: date(0), endDate: date(1) };
  };
  const auth = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra });

  beforeAll(async () => {
    server = await startTestServer();
    token = (await registerOverRest(restClient(server.url), 'idem')).token;
    carId = (
      await send(server.url, 'POST', '/api/cars', {
        body: { make: 'Volvo', model: 'V70', year: 2010 },
        headers: auth(),
      })
    ).body.id;
  });
  afterAll(() => server.close());

  it('REST: the same key and body answer the first body again; another body is 409; a long key 400', async () => {
    const body = rental();
    const first = await send(server.url, 'POST', '/api/bookings', {
      body,
      headers: auth({ 'idempotency-key': 'rest-1' }),
    });
    expect(first.status).toBe(200);
    const again = await send(server.url, 'POST', '/api/bookings', {
      body,
      headers: auth({ 'idempotency-key': 'rest-1' }),
    });
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    const other = await send(server.url, 'POST', '/api/bookings', {
      body: rental(),
      headers: auth({ 'idempotency-key': 'rest-1' }),
    });
    expect(other.status).toBe(409);
    const long = await send(server.url, 'POST', '/api/bookings', {
      body: rental(),
      headers: auth({ 'idempotency-key': 'x'.repeat(256) }),
    });
    expect(long.status).toBe(400);
    const { rows } = await server.database.db
      .selectFrom('bookings')
      .select('id')
      .where('carId', '=', carId)
      .execute()
      .then((r) => ({ rows: r }));
    expect(rows.map((r) => r.id)).toEqual([first.body.id]);
  });

  it('tRPC: the header works on /trpc alike, and a REST key is not a tRPC key of another caller', async () => {
    const body = JSON.stringify(superjson.serialize(rental()));
    const post = () =>
      fetch(`${server.url}/trpc/bookings.create`, {
        method: 'POST',
        headers: auth({ 'content-type': 'application/json', 'idempotency-key': 'trpc-1' }),
        body,
      });
    const first = await post();
    const second = await post();
    expect(first.status).toBe(200);
    expect(await second.text()).toBe(await first.text());
  });

  it('the photo upload route honours it: one photo for two keyed uploads', async () => {
    const upload = async () => {
      const form = new FormData();
      form.set(
        'file',
        new Blob([new Uint8Array(await solid(64, 48).jpeg().toBuffer())], { type: 'image/jpeg' }),
        'a.jpg',
      );
      const res = await fetch(`${server.url}/api/cars/${carId}/photos`, {
        method: 'POST',
        headers: auth({ 'idempotency-key': 'photo-1' }),
        body: form,
      });
      return { status: res.status, body: (await res.json()) as { photos: Array<{ id: string }> } };
    };
    const first = await upload();
    expect(first.status).toBe(200);
    const second = await upload();
    expect(second.status).toBe(200);
    expect(second.body.photos.map((p: { id: string }) => p.id)).toEqual(
      first.body.photos.map((p: { id: string }) => p.id),
    );
    const photos = await server.database.db.selectFrom('carPhotos').select('id').where('carId', '=', carId).execute();
    expect(photos).toHaveLength(1);
  });
});

describe('the per-key rate limit', () => {
  it('answers 429 with Retry-After on REST and tRPC once the minute is used up', async () => {
    const server = await startTestServer({ apiKeyRateLimit: 3 });
    try {
      const user = await registerOverRest(restClient(server.url), 'limited');
      const created = await send(server.url, 'POST', '/api/api-keys', {
        body: { name: 'limited', scopes: ['*:read'] },
        headers: { authorization: `Bearer ${user.token}` },
      });
      const headers = { 'x-api-key': created.body.key };
      for (let i = 0; i < 3; i++) expect((await send(server.url, 'GET', '/api/auth/me', { headers })).status).toBe(200);
      const rest = await send(server.url, 'GET', '/api/auth/me', { headers });
      expect(rest.status).toBe(429);
      expect(Number(rest.headers.get('retry-after'))).toBeGreaterThan(0);
      const trpc = await send(server.url, 'GET', trpcQuery('auth.me'), { headers });
      expect(trpc.status).toBe(429);
      expect(Number(trpc.headers.get('retry-after'))).toBeGreaterThan(0);
      // Sessions have no such limit.
      expect(
        (await send(server.url, 'GET', '/api/auth/me', { headers: { authorization: `Bearer ${user.token}` } })).status,
      ).toBe(200);
    } finally {
      await server.close();
    }
  });

  describe.skipIf(!testServerUrl())('two instances on one PostgreSQL database', () => {
    let database: TestDatabase;
    const servers: FastifyInstance[] = [];
    const urls: string[] = [];
    beforeAll(async () => {
      database = await createTestDatabase();
      const config = testConfig({
        apiKeyRateLimit: 6,
        notifications: { ...testConfig().notifications, workerMode: 'off' },
      });
      for (let i = 0; i < 2; i++) {
        const app = createServer(config, { db: createDb(database.url, { poolSize: 3 }) });
        urls.push(await app.listen({ port: 0, host: '127.0.0.1' }));
        servers.push(app);
      }
    });
    afterAll(async () => {
      for (const app of servers) await app.close();
      await database.destroy();
    });

    it('share one count: six requests spread over both, the seventh on either is 429', async () => {
      const [a = '', b = ''] = urls;
      const user = await registerOverRest(restClient(a), 'shared');
      const created = await send(b, 'POST', '/api/api-keys', {
        body: { name: 'shared', scopes: ['*:read'] },
        headers: { authorization: `Bearer ${user.token}` },
      });
      const headers = { 'x-api-key': created.body.key };
      const statuses = await Promise.all(
        [a, b, a, b, a, b].map((url) => send(url, 'GET', '/api/auth/me', { headers }).then((r) => r.status)),
      );
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
      expect((await send(a, 'GET', '/api/auth/me', { headers })).status).toBe(429);
      expect((await send(b, 'GET', '/api/auth/me', { headers })).status).toBe(429);
    });
  });
});
