import { createServer as createNetServer } from 'node:net';
import { SESSION_COOKIE } from '@carhub/api';
import { createTestDatabase } from '@carhub/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { createServer } from '../src/create-server';
import { startTestServer, type TestServer } from './helpers';
import { DocumentValidator } from './openapi-validate';
import { registerOverRest, restClient } from './rest-client';

/**
 * The REST contract as any HTTP client meets it: calls without a body, 413s that Node's fetch
 * can read, one error body from every layer (checked against the served document with ajv),
 * strict query strings, and links that follow PORT.
 */
let server: TestServer;
let rest: ReturnType<typeof restClient>;
let doc: DocumentValidator;
let staff: { id: string; token: string };
let admin: { id: string; token: string };
let client: { id: string; token: string; username: string };

const PASSWORD = 'correct-horse-battery-9';
const DAY = 86_400_000;

/** The three ways a client sends "no body". */
const noBody: Array<[string, (token?: string) => RequestInit]> = [
  ['no body and no content-type', (token) => ({ headers: auth(token) })],
  [
    'an empty JSON object',
    (token) => ({ headers: { ...auth(token), 'content-type': 'application/json' }, body: '{}' }),
  ],
  [
    'content-type: application/json and an empty body',
    (token) => ({
      headers: { ...auth(token), 'content-type': 'application/json' },
      body: '',
    }),
  ],
];

interface ErrorReply {
  code: string;
  message: string;
  data: { httpStatus: number; retryAfter?: number; fieldErrors: Record<string, string[]> | null };
}

function auth(token?: string): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

async function call(method: string, path: string, init: RequestInit) {
  const res = await fetch(`${server.url}/api${path}`, { method, ...init });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

async function login(): Promise<string> {
  const reply = await rest('POST', '/auth/login', { identifier: client.username, password: PASSWORD });
  expect(reply.status).toBe(200);
  return reply.body.token;
}

let vin = 0;
async function stockCar(): Promise<string> {
  vin += 1;
  const reply = await rest(
    'POST',
    '/inventory',
    {
      make: 'Skoda',
      model: 'Octavia',
      year: 2022,
      vin: `YV1XZ${String(vin).padStart(12, '0')}`,
      fuelType: 'petrol',
      bodyType: 'wagon',
      transmission: 'manual',
      price: '21000',
    },
    staff.token,
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.id;
}

let dayOffset = 10;
/** A one-day rental of a fresh stock car, booked by staff for the client (so already approved). */
async function rental(): Promise<string> {
  const carId = await stockCar();
  dayOffset += 1;
  const day = new Date(Date.now() + dayOffset * DAY).toISOString().slice(0, 10);
  const reply = await rest(
    'POST',
    '/bookings',
    { carId, kind: 'rental', startDate: day, endDate: day, customerId: client.id },
    staff.token,
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.id;
}

/** A pending test drive a new client asked for, waiting for staff to approve it. */
async function pendingTestDrive(): Promise<string> {
  const carId = await stockCar();
  const customer = await registerOverRest(rest, 'contractdriver');
  const day = new Date(Date.now() + 3 * DAY).toISOString().slice(0, 10);
  const slots = await rest('GET', `/inventory/${carId}/slots?date=${day}`);
  expect(slots.status, JSON.stringify(slots.body)).toBe(200);
  const startAt = slots.body.slots[0]?.startAt;
  const reply = await rest('POST', '/bookings', { carId, kind: 'test_drive', startAt }, customer.token);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  expect(reply.body.status).toBe('pending');
  return reply.body.id;
}

/** An approved rental that has already started, so it can be completed or marked a no-show. */
async function startedRental(): Promise<string> {
  const id = await rental();
  const start = new Date(Date.now() - 3 * DAY);
  await server.database.db
    .updateTable('bookings')
    .set({
      startAt: start,
      endAt: new Date(start.getTime() + DAY),
      startDate: start.toISOString().slice(0, 10),
      endDate: start.toISOString().slice(0, 10),
    })
    .where('id', '=', id)
    .execute();
  return id;
}

async function garageCar(token: string): Promise<string> {
  const reply = await rest('POST', '/cars', { make: 'Mazda', model: 'MX-5', year: 2019 }, token);
  expect(reply.status).toBe(200);
  return reply.body.id;
}

beforeAll(async () => {
  server = await startTestServer({ logLevel: 'silent' });
  rest = restClient(server.url);
  doc = await DocumentValidator.fetch(server.url);
  staff = await registerOverRest(rest, 'contractstaff');
  await server.database.db.updateTable('users').set({ role: 'staff' }).where('id', '=', staff.id).execute();
  admin = await registerOverRest(rest, 'contractadmin');
  await server.database.db.updateTable('users').set({ role: 'admin' }).where('id', '=', admin.id).execute();
  const registered = await registerOverRest(rest, 'contractclient');
  const me = await rest('GET', '/auth/me', undefined, registered.token);
  client = { ...registered, username: me.body.username };
});
afterAll(() => server.close());

describe('calls whose input needs no body field', () => {
  it.each(noBody)('approve, complete, no-show and cancel a booking with %s', async (_label, init) => {
    const pending = await pendingTestDrive();
    const approved = await call('POST', `/bookings/${pending}/approve`, init(staff.token));
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ id: pending, status: 'approved' });
    expect(doc.responseErrors('/bookings/{id}/approve', 'POST', 200, approved.body)).toEqual([]);

    const completed = await call('POST', `/bookings/${await startedRental()}/complete`, init(staff.token));
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
    expect(completed.body.status).toBe('completed');

    const noShow = await call('POST', `/bookings/${await startedRental()}/no-show`, init(staff.token));
    expect(noShow.status, JSON.stringify(noShow.body)).toBe(200);
    expect(noShow.body.status).toBe('no_show');

    const cancelled = await call('POST', `/bookings/${await rental()}/cancel`, init(client.token));
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
  });

  it.each(noBody)('refresh, log out and log out everywhere with %s', async (_label, init) => {
    const refreshed = await call('POST', '/auth/refresh', init(await login()));
    expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
    expect(refreshed.body.token).toEqual(expect.any(String));

    const token = await login();
    const loggedOut = await call('POST', '/auth/logout', init(token));
    expect(loggedOut.status, JSON.stringify(loggedOut.body)).toBe(200);
    expect((await rest('GET', '/auth/me', undefined, token)).status).toBe(401);

    const everywhere = await login();
    const other = await login();
    const all = await call('POST', '/auth/logout-all', init(everywhere));
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    expect((await rest('GET', '/auth/me', undefined, other)).status).toBe(401);
  });

  it.each(noBody)('asks for a calendar URL with %s', async (_label, init) => {
    const token = await login();
    const carId = await garageCar(token);
    const reply = await call('POST', `/cars/${carId}/calendar-url`, init(token));
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.url).toMatch(/\/api\/calendars\/.+\.ics$/);
  });

  it.each(noBody)('answers an anonymous call with %s with 401, not 415', async (_label, init) => {
    const booking = '00000000-0000-4000-8000-000000000000';
    for (const path of [
      `/bookings/${booking}/approve`,
      `/bookings/${booking}/complete`,
      `/bookings/${booking}/no-show`,
      `/bookings/${booking}/cancel`,
      '/auth/refresh',
      '/auth/logout',
      '/auth/logout-all',
    ]) {
      const reply = await call('POST', path, init());
      expect(reply.status, path).toBe(401);
      expect(doc.errorBodyErrors(reply.body), path).toEqual([]);
    }
  });

  it('still refuses a body that is not JSON: 415 once signed in, 401 before', async () => {
    const text = { headers: { 'content-type': 'text/plain' }, body: 'approve please' };
    const anonymous = await call('POST', '/auth/logout', text);
    expect(anonymous.status).toBe(401);
    const signedIn = await call('POST', '/auth/logout', {
      ...text,
      headers: { ...text.headers, ...auth(await login()) },
    });
    expect(signedIn.status).toBe(415);
    expect(signedIn.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const broken = await call('POST', '/auth/logout', {
      headers: { 'content-type': 'application/json', ...auth(await login()) },
      body: '{"unfinished": ',
    });
    expect(broken.status).toBe(400);
    expect(broken.body.message).toBe('The request body is not valid JSON.');
  });
});

describe('413s that Node fetch reads (real HTTP)', () => {
  it('answers an 11 MB photo upload with a readable 413 and stores nothing', async () => {
    const token = await login();
    const carId = await garageCar(token);
    const form = new FormData();
    form.set('file', new File([new Uint8Array(11 * 1024 * 1024).fill(7)], 'big.jpg', { type: 'image/jpeg' }));
    const res = await fetch(`${server.url}/api/cars/${carId}/photos`, {
      method: 'POST',
      headers: auth(token),
      body: form,
    });
    expect(res.status).toBe(413);
    const body = (await res.json()) as ErrorReply;
    expect(body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(doc.errorBodyErrors(body)).toEqual([]);
    expect(doc.responseErrors('/cars/{carId}/photos', 'POST', 413, body)).toEqual([]);
    const photos = await server.database.db.selectFrom('carPhotos').select('id').where('carId', '=', carId).execute();
    expect(photos).toEqual([]);
  });

  it('answers a 2 MB JSON body with a readable 413 and creates nothing', async () => {
    const token = await login();
    const before = await rest('GET', '/cars', undefined, token);
    const res = await fetch(`${server.url}/api/cars`, {
      method: 'POST',
      headers: { ...auth(token), 'content-type': 'application/json' },
      body: JSON.stringify({ make: 'Fiat', model: 'Panda', year: 2020, notes: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    const body = (await res.json()) as ErrorReply;
    expect(body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', data: { httpStatus: 413 } });
    expect(doc.responseErrors('/cars', 'POST', 413, body)).toEqual([]);
    const after = await rest('GET', '/cars', undefined, token);
    expect(after.body.items.length).toBe(before.body.items.length);
  });
});

describe('one error body from every layer', () => {
  it('validates each against components.schemas.Error of the served document', async () => {
    const token = await login();
    const carId = await garageCar(token);
    const textPhoto = new FormData();
    textPhoto.set('file', new File([Buffer.from('hello\n'.repeat(40))], 'a.jpg', { type: 'image/jpeg' }));

    const cases: Array<[string, Promise<Response>, number]> = [
      ['adapter validation', fetch(`${server.url}/api/auth/register`, jsonPost({})), 400],
      ['strict query', fetch(`${server.url}/api/inventory?year=2024`), 400],
      [
        'upload',
        fetch(`${server.url}/api/cars/${carId}/photos`, { method: 'POST', headers: auth(token), body: textPhoto }),
        400,
      ],
      ['export', fetch(`${server.url}/api/admin/export/cars.csv`, { headers: auth(token) }), 403],
      ['media', fetch(`${server.url}/media/cars/nothing.webp?exp=1&sig=abc`), 403],
      ['calendar feed', fetch(`${server.url}/api/calendars/${'a'.repeat(43)}.ics`), 404],
      [
        'CSRF',
        fetch(`${server.url}/api/auth/logout`, {
          method: 'POST',
          headers: { cookie: `${SESSION_COOKIE}=${token}`, origin: 'https://evil.example' },
        }),
        403,
      ],
      ['unknown route under /api', fetch(`${server.url}/api/no/such/thing`), 404],
      ['unknown route elsewhere', fetch(`${server.url}/no-such-page`), 404],
      ['413', fetch(`${server.url}/api/auth/register`, jsonPost({ pad: 'x'.repeat(2 * 1024 * 1024) })), 413],
      [
        '415',
        fetch(`${server.url}/api/auth/register`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: 'hi',
        }),
        415,
      ],
    ];
    for (const [layer, pending, status] of cases) {
      const res = await pending;
      const body = (await res.json()) as ErrorReply;
      expect(res.status, layer).toBe(status);
      expect(doc.errorBodyErrors(body), layer).toEqual([]);
      expect(body.data.httpStatus, layer).toBe(status);
      expect(body.message, layer).toMatch(/^[A-Z].*[.!?]$/);
    }

    // 429 from the sign-in throttle: Retry-After in the header and the body.
    let limited: Response | undefined;
    for (let i = 0; i < 80 && !limited; i++) {
      const res = await fetch(
        `${server.url}/api/auth/login`,
        jsonPost({ identifier: 'nobody-here', password: 'wrong-password-1' }),
      );
      if (res.status === 429) limited = res;
      else await res.arrayBuffer();
    }
    expect(limited, 'the login throttle answered 429').toBeDefined();
    const body = (await limited?.json()) as ErrorReply;
    expect(doc.errorBodyErrors(body)).toEqual([]);
    expect(doc.responseErrors('/auth/login', 'POST', 429, body)).toEqual([]);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(body.data.retryAfter).toBeGreaterThan(0);
  });

  it('says which fields are wrong and what is wrong in a validation 400', async () => {
    const reply = await call('POST', '/auth/register', jsonPost({ username: 'x', email: 'not-an-address' }));
    expect(reply.status).toBe(400);
    expect(reply.body.message).toMatch(/^Invalid input: /);
    expect(reply.body.message).toContain('email: ');
    expect(reply.body.message).not.toContain('[');
    expect(reply.body.data.fieldErrors.email).toEqual([expect.any(String)]);
  });
});

function jsonPost(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

describe('strict query strings', () => {
  it('refuses an unknown parameter on every REST GET, naming it and the accepted ones', async () => {
    const paths = doc.document.paths as Record<
      string,
      Record<string, { parameters?: Array<{ name: string; in: string }> }>
    >;
    const gets = Object.entries(paths).filter(([path, item]) => item.get && !path.startsWith('/calendars/'));
    expect(gets.length).toBeGreaterThan(20);
    for (const [path, item] of gets) {
      const accepted = (item.get?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      const reply = await call('GET', `${url}?min_price=40000`, { headers: auth(admin.token) });
      expect(reply.status, path).toBe(400);
      expect(reply.body.data.fieldErrors, path).toMatchObject({ min_price: [expect.any(String)] });
      expect(reply.body.message, path).toContain('"min_price"');
      for (const name of accepted) expect(reply.body.message, `${path} lists ${name}`).toContain(name);
      expect(doc.errorBodyErrors(reply.body), path).toEqual([]);
    }
  });

  it('still filters with the parameters a list takes', async () => {
    const reply = await call('GET', '/inventory?minYear=2022&limit=5', {});
    expect(reply.status).toBe(200);
    for (const car of reply.body.items) expect(car.year).toBeGreaterThanOrEqual(2022);
  });
});

describe('PUBLIC_URL', () => {
  it('defaults to http://localhost:$PORT, so calendar links follow PORT', async () => {
    const port = await freePort();
    const database = await createTestDatabase();
    const app = createServer(
      loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: String(port), HOST: '127.0.0.1' }),
      {
        db: database.db,
      },
    );
    try {
      await app.listen({ port, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${port}`;
      const own = restClient(base);
      const owner = await registerOverRest(own, 'porturl');
      const car = await own('POST', '/cars', { make: 'Mazda', model: '3', year: 2018 }, owner.token);
      const feed = await fetch(`${base}/api/cars/${car.body.id}/calendar-url`, {
        method: 'POST',
        headers: auth(owner.token),
      });
      expect(feed.status).toBe(200);
      expect(((await feed.json()) as { url: string }).url).toMatch(
        new RegExp(`^http://127\\.0\\.0\\.1:${port}/api/calendars/`),
      );
    } finally {
      const closing = app.close();
      app.server.closeAllConnections();
      await closing;
      await database.destroy();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
