import { createCaller, createContextInner, SESSION_COOKIE } from '@carhub/api';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers';

const password = 'correct-horse-battery-9';
const EXPORT = '/api/admin/export/cars.csv';

let server: TestServer;
let adminToken: string;
let clientToken: string;
let clientId: string;

async function register(username: string) {
  const res = await fetch(`${server.url}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      username,
      email: `${username}@example.com`,
      password,
      passwordConfirm: password,
      firstName: 'Export',
      lastName: 'Test',
    }),
  });
  const body = (await res.json()) as { token: string; user: { id: string } };
  return { token: body.token, id: body.user.id };
}

async function callerWith(token: string) {
  return createCaller(await createContextInner({ db: server.database.db, token }));
}

function get(query: string, headers: Record<string, string> = { authorization: `Bearer ${adminToken}` }) {
  return fetch(`${server.url}${EXPORT}${query}`, { headers });
}

/** A list item as its CSV row reads back: every value a string, null empty, instants ISO. */
function asCsvRecord(car: Record<string, unknown>, headers: string[]): Record<string, string> {
  return Object.fromEntries(
    headers.map((key) => {
      const value = car[key];
      return [
        key,
        value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value),
      ];
    }),
  );
}

async function allPages<T>(fetchPage: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>) {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

beforeAll(async () => {
  server = await startTestServer({ logLevel: 'silent' });
  const admin = await register('export_admin');
  await server.database.db.updateTable('users').set({ role: 'admin' }).where('id', '=', admin.id).execute();
  adminToken = admin.token;
  const client = await register('export_client');
  clientToken = client.token;
  clientId = client.id;
  const owner = await callerWith(clientToken);
  await owner.cars.create({ make: 'Ford', model: 'Focus', year: 2012, notes: '=cmd()', color: 'Blue, "metallic"' });
  await owner.cars.create({ make: 'Opel', model: 'Astra', year: 2014, notes: 'two\nlines', color: '@HOME 1' });
  // More stock than one batch (1000), with ties in created_at, so batching and its cursor are exercised.
  await sql`
    insert into cars (make, model, year, vin, mileage, fuel_type, body_type, transmission, price, status, created_at)
    select (array['Toyota','BMW','Tesla'])[1 + i % 3], 'M' || i % 7, 1990 + i % 30, 'WEXPRT' || lpad(i::text, 11, '0'),
           i * 13 % 90000, 'petrol', 'sedan', 'manual', 1000 + i % 500 + 0.5,
           case when i % 10 = 7 then 'sold' else 'available' end, now() - (i % 50) * interval '1 second'
    from generate_series(1, 2500) as i`.execute(server.database.db);
});
afterAll(() => server.close());

describe('GET /api/admin/export/cars.csv', () => {
  it('streams stock as RFC 4180 CSV that parses back to exactly the list output, in order', async () => {
    const res = await get('?kind=stock');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="cars-\d{4}-\d{2}-\d{2}\.csv"$/);
    const records = parse(await res.text(), { columns: true }) as Record<string, string>[];
    const staff = await callerWith(adminToken);
    const listed = await allPages((cursor) => staff.inventory.list({ limit: 100, cursor }));
    expect(records).toHaveLength(2500);
    const headers = Object.keys(records[0] ?? {});
    expect(headers).toEqual(expect.arrayContaining(['id', 'ownerId', 'make', 'price', 'status', 'createdAt']));
    expect(records).toEqual(listed.map((car) => asCsvRecord(car, headers)));
  });

  it('exports one garage as admin.users.cars.list answers it, with a formula cell neutralised', async () => {
    const res = await get(`?ownerId=${clientId}`);
    const records = parse(await res.text(), { columns: true }) as Record<string, string>[];
    const admin = await callerWith(adminToken);
    const listed = await allPages((cursor) => admin.admin.users.cars.list({ id: clientId, cursor }));
    const headers = Object.keys(records[0] ?? {});
    const neutralise = (record: Record<string, string>) =>
      Object.fromEntries(Object.entries(record).map(([k, v]) => [k, /^[=+\-@\t\r]/.test(v) ? `'${v}` : v]));
    expect(records).toEqual(listed.map((car) => neutralise(asCsvRecord(car, headers))));
    const focus = records.find((r) => r.model === 'Focus');
    expect(focus?.notes).toBe("'=cmd()");
    expect(focus?.color).toBe('Blue, "metallic"');
    expect(records.find((r) => r.model === 'Astra')).toMatchObject({ notes: 'two\nlines', color: "'@HOME 1" });
  });

  it('filters like the lists (make, status, kind) and is written to the audit log', async () => {
    const before = await server.database.db
      .selectFrom('auditLog')
      .select('id')
      .where('action', '=', 'export')
      .execute();
    const res = await get('?kind=stock&make=tesla&status=sold');
    const records = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((r) => r.make === 'Tesla' && r.status === 'sold')).toBe(true);
    const after = await server.database.db
      .selectFrom('auditLog')
      .select(['changes', 'entity'])
      .where('action', '=', 'export')
      .orderBy('at', 'desc')
      .execute();
    expect(after.length).toBe(before.length + 1);
    expect(after[0]).toMatchObject({
      entity: 'car',
      changes: { format: [null, 'csv'], kind: [null, 'stock'], make: [null, 'tesla'], status: [null, 'sold'] },
    });
  });

  it('answers anonymous 401, a client 403, bad filters 400, in the REST error shape; no audit row', async () => {
    const count = async () =>
      (await server.database.db.selectFrom('auditLog').select('id').where('action', '=', 'export').execute()).length;
    const before = await count();
    const anonymous = await get('', {});
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: 'UNAUTHORIZED' });
    const client = await get('', { authorization: `Bearer ${clientToken}` });
    expect(client.status).toBe(403);
    expect(await client.json()).toMatchObject({ code: 'FORBIDDEN' });
    const bad = await get('?kind=boats&minYear=old');
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { code: string; data: { fieldErrors: Record<string, string[]> } };
    expect(body.code).toBe('BAD_REQUEST');
    expect(Object.keys(body.data.fieldErrors).sort()).toEqual(['kind', 'minYear']);
    expect((await get('?surprise=1')).status).toBe(400);
    expect(await count()).toBe(before);
  });

  it('takes the session cookie too (a GET: the CSRF guard has nothing to refuse)', async () => {
    const res = await get('?kind=garage', { cookie: `${SESSION_COOKIE}=${adminToken}` });
    expect(res.status).toBe(200);
    const records = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(records.map((r) => r.model).sort()).toEqual(['Astra', 'Focus']);
  });

  it('is listed in /openapi.json', async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
    };
    const operation = doc.paths['/admin/export/cars.csv']?.get;
    expect(operation?.operationId).toBe('admin-export-cars');
    expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401', '403']));
  });
});
