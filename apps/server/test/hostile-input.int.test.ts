import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers';
import { registerOverRest, restClient } from './rest-client';

/**
 * Every hostile input the probes found, over real HTTP, each answered 4xx (never a 5xx):
 * cookies with broken escapes, JSON nested or keyed past the limits, malformed multipart,
 * instants PostgreSQL can't hold in a range, odd content types and headers.
 */
let server: TestServer;
let rest: ReturnType<typeof restClient>;
let staff: { id: string; token: string };
let carId: string;

beforeAll(async () => {
  server = await startTestServer({ logLevel: 'silent' });
  rest = restClient(server.url);
  staff = await registerOverRest(rest, 'hostilestaff');
  await server.database.db.updateTable('users').set({ role: 'staff' }).where('id', '=', staff.id).execute();
  const car = await rest(
    'POST',
    '/inventory',
    {
      make: 'Volvo',
      model: 'XC40',
      year: 2023,
      vin: 'YV1XZ000000000001',
      fuelType: 'electric',
      bodyType: 'suv',
      transmission: 'automatic',
      price: '42000',
    },
    staff.token,
  );
  expect(car.status).toBe(200);
  carId = car.body.id;
});
afterAll(() => server.close());

const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const deepArray = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const manyKeys = (n: number) => `{${Array.from({ length: n }, (_, i) => `"k${i}":1`).join(',')}}`;
const trpcInput = (text: string) => `?input=${encodeURIComponent(text)}`;

interface Probe {
  name: string;
  method: string;
  path: string | (() => string);
  headers?: Record<string, string> | (() => Record<string, string>);
  body?: string | Uint8Array | (() => string);
  /** The status expected (a 2xx where the bad part must simply be ignored). */
  status: number;
}

const json = { 'content-type': 'application/json' };
const auth = () => ({ authorization: `Bearer ${staff.token}` });
const boundary = 'XbOuNdArY';
const multipart = () => ({ ...auth(), 'content-type': `multipart/form-data; boundary=${boundary}` });

const probes: Probe[] = [
  // A cookie another app on the domain set, with a broken % escape, must not break anyone.
  {
    name: 'REST public list, cookie other=100%',
    method: 'GET',
    path: '/api/inventory',
    headers: { cookie: 'other=100%' },
    status: 200,
  },
  {
    name: 'tRPC ping, cookie other=100%',
    method: 'GET',
    path: '/trpc/health.ping',
    headers: { cookie: 'other=100%' },
    status: 200,
  },
  {
    name: 'REST, session cookie with a broken escape',
    method: 'GET',
    path: '/api/auth/me',
    headers: { cookie: '__Host-session=%E0%A4%A' },
    status: 401,
  },
  {
    name: 'tRPC, cookie of only separators',
    method: 'GET',
    path: '/trpc/health.ping',
    headers: { cookie: ';;=;=%;%=%' },
    status: 200,
  },
  // JSON nested thousands of levels deep, or with too many keys: 400 before anything reads it.
  {
    name: 'REST login, 5,000 levels deep',
    method: 'POST',
    path: '/api/auth/login',
    headers: json,
    body: deep(5000),
    status: 400,
  },
  {
    name: 'REST login, 100,000 nested arrays',
    method: 'POST',
    path: '/api/auth/login',
    headers: json,
    body: deepArray(100_000),
    status: 400,
  },
  {
    name: 'REST login, 40 levels deep',
    method: 'POST',
    path: '/api/auth/login',
    headers: json,
    body: deep(40),
    status: 400,
  },
  {
    name: 'REST login, 30,000 keys',
    method: 'POST',
    path: '/api/auth/login',
    headers: json,
    body: manyKeys(30_000),
    status: 400,
  },
  {
    name: 'tRPC login, 5,000 levels deep',
    method: 'POST',
    path: '/trpc/auth.login',
    headers: json,
    body: deep(5000),
    status: 400,
  },
  {
    name: 'tRPC batch, 5,000 levels deep',
    method: 'POST',
    path: '/trpc/auth.login,auth.login?batch=1',
    headers: json,
    body: `{"0":${deep(5000)}}`,
    status: 400,
  },
  {
    name: 'tRPC query input, 1,500 levels deep',
    method: 'GET',
    path: `/trpc/health.ping${trpcInput(deepArray(1500))}`,
    status: 400,
  },
  {
    name: 'REST staff route, deep body',
    method: 'POST',
    path: '/api/inventory',
    headers: () => ({ ...json, ...auth() }),
    body: deep(5000),
    status: 400,
  },
  {
    name: 'REST, __proto__ key',
    method: 'POST',
    path: '/api/auth/login',
    headers: json,
    body: '{"__proto__":{"x":1},"identifier":"a","password":"b"}',
    status: 400,
  },
  {
    name: 'REST, truncated JSON',
    method: 'POST',
    path: '/api/auth/login',
    headers: json,
    body: '{"identifier":',
    status: 400,
  },
  {
    name: 'tRPC, truncated JSON',
    method: 'POST',
    path: '/trpc/auth.login',
    headers: json,
    body: '{"json":',
    status: 400,
  },
  // Malformed multipart bodies.
  {
    name: 'REST upload, no closing boundary',
    method: 'POST',
    path: () => `/api/cars/${carId}/photos`,
    headers: multipart,
    body: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\nabc`,
    status: 400,
  },
  {
    name: 'REST upload, garbage part header',
    method: 'POST',
    path: () => `/api/cars/${carId}/photos`,
    headers: multipart,
    body: `--${boundary}\r\n\u0001\u0002 nonsense\r\n\r\nxyz\r\n--${boundary}--\r\n`,
    status: 400,
  },
  {
    name: 'REST upload, multipart without a boundary',
    method: 'POST',
    path: () => `/api/cars/${carId}/photos`,
    headers: () => ({ ...auth(), 'content-type': 'multipart/form-data' }),
    body: 'whatever',
    status: 400,
  },
  {
    name: 'tRPC upload, no closing boundary',
    method: 'POST',
    path: '/trpc/cars.photos.add',
    headers: multipart,
    body: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nabc`,
    status: 400,
  },
  {
    name: 'tRPC upload, multipart without a boundary',
    method: 'POST',
    path: '/trpc/cars.photos.add',
    headers: () => ({ ...auth(), 'content-type': 'multipart/form-data' }),
    body: 'whatever',
    status: 400,
  },
  // Instants PostgreSQL can't hold in a range.
  {
    name: 'REST rental ending 9999-12-31',
    method: 'POST',
    path: '/api/bookings',
    headers: () => ({ ...json, ...auth() }),
    body: () =>
      JSON.stringify({ carId, kind: 'rental', startDate: '9999-12-30', endDate: '9999-12-31', customerId: staff.id }),
    status: 400,
  },
  {
    name: 'REST rental by instants ending in year 10000',
    method: 'POST',
    path: '/api/bookings',
    headers: () => ({ ...json, ...auth() }),
    body: () =>
      JSON.stringify({
        carId,
        kind: 'rental',
        startAt: '9999-12-31T00:00:00Z',
        endAt: '+010000-01-01T00:00:00Z',
        customerId: staff.id,
      }),
    status: 400,
  },
  {
    name: 'REST slots to year 9999',
    method: 'GET',
    path: () => `/api/inventory/${carId}/slots?from=9999-12-30T00:00:00Z&to=9999-12-31T23:59:59Z`,
    status: 400,
  },
  // Odd headers.
  {
    name: 'REST, unknown charset',
    method: 'POST',
    path: '/api/auth/login',
    headers: { 'content-type': 'application/json; charset=bogus' },
    body: '{}',
    status: 400,
  },
  {
    name: 'REST, Bearer of garbage',
    method: 'GET',
    path: '/api/auth/me',
    headers: { authorization: 'Bearer \u00ff\u00fe%%%' },
    status: 401,
  },
  {
    name: 'REST, authorization of another scheme',
    method: 'GET',
    path: '/api/auth/me',
    headers: { authorization: 'Basic Zm9vOmJhcg==' },
    status: 401,
  },
  {
    name: 'tRPC, huge x-forwarded-for',
    method: 'GET',
    path: '/trpc/health.ping',
    headers: { 'x-forwarded-for': '1.1.1.1,'.repeat(500) },
    status: 200,
  },
];

const answered: number[] = [];

describe('hostile input over real HTTP', () => {
  it.each(probes.map((p) => [p.name, p] as const))('%s', async (_name, probe) => {
    const path = typeof probe.path === 'function' ? probe.path() : probe.path;
    const headers = typeof probe.headers === 'function' ? probe.headers() : probe.headers;
    const body = typeof probe.body === 'function' ? probe.body() : probe.body;
    const res = await fetch(`${server.url}${path}`, {
      method: probe.method,
      headers: headers ?? {},
      body: body ?? null,
    });
    const text = await res.text();
    answered.push(res.status);
    expect({ status: res.status, text: text.slice(0, 300) }).toMatchObject({ status: probe.status });
  });

  it('the process is alive and well after all of them', async () => {
    const fivexx = answered.filter((status) => status >= 500).length;
    console.log(`hostile probes: ${answered.length} malformed requests sent, ${fivexx} answered 5xx`);
    expect(fivexx).toBe(0);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });
});
