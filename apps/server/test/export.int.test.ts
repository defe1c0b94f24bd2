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

  it('is listed in /openapi.json, with bookings.csv and sales.csv', async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<string, { operationId: string; parameters?: { name: string }[]; responses: Record<string, unknown> }>
      >;
    };
    const parameters: Record<string, string[]> = {
      cars: ['kind', 'ownerId', 'status', 'make', 'q'],
      bookings: ['from', 'to', 'status', 'kind', 'carId', 'customerId'],
      sales: ['from', 'to', 'staffId', 'customerId', 'carId'],
    };
    for (const [name, expected] of Object.entries(parameters)) {
      const operation = doc.paths[`/admin/export/${name}.csv`]?.get;
      expect(operation?.operationId).toBe(`admin-export-${name}`);
      expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401', '403']));
      expect(operation?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(expected));
    }
  });
});

/** A sale or booking answer flattened to CSV columns: the sale's car snapshot as carMake, carModel... */
function flattenSale(sale: Record<string, unknown> & { car: Record<string, unknown> }) {
  const { car, ...rest } = sale;
  return { ...rest, carMake: car.make, carModel: car.model, carYear: car.year, carVin: car.vin };
}

const neutralised = (record: Record<string, string>) =>
  Object.fromEntries(Object.entries(record).map(([k, v]) => [k, /^[=+\-@\t\r]/.test(v) ? `'${v}` : v]));

/** An hour on a day ahead, inside the showroom's test-drive hours (UTC here). */
function hourAhead(days: number, hour: number): Date {
  const day = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  return new Date(`${day}T${String(hour).padStart(2, '0')}:00:00.000Z`);
}

describe('GET /api/admin/export/bookings.csv and sales.csv', () => {
  let stockIds: string[];
  beforeAll(async () => {
    const db = server.database.db;
    stockIds = (
      await db
        .selectFrom('cars')
        .select('id')
        .where('ownerId', 'is', null)
        .where('status', '=', 'available')
        .orderBy('id')
        .limit(40)
        .execute()
    ).map((row) => row.id);
    // More than one batch of finished rentals, through SQL (the past can't be booked), ties on start_at included.
    await sql`
      insert into bookings (car_id, kind, status, start_at, end_at, customer_id, customer_name, notes)
      select ${stockIds[0]}::uuid, 'rental', 'completed', now() - interval '400 days' + (i / 2) * interval '1 day',
             now() - interval '400 days' + (i / 2) * interval '1 day' + interval '3 hours',
             ${clientId}::uuid, 'Export Test', case when i % 100 = 0 then '-1+2 litres' end
      from generate_series(1, 1200) as i`.execute(db);
    const admin = await callerWith(adminToken);
    const client = await callerWith(clientToken);
    await client.bookings.create({
      carId: stockIds[1] ?? '',
      kind: 'test_drive',
      startAt: hourAhead(3, 10),
      notes: '=cmd()',
    });
    await client.bookings.create({
      carId: stockIds[2] ?? '',
      kind: 'test_drive',
      startAt: hourAhead(4, 11),
      notes: 'a, "b"',
    });
    for (const [i, notes] of ['=HYPERLINK("http://evil")', 'plain', null].entries()) {
      await admin.sales.create({ carId: stockIds[10 + i] ?? '', customerId: clientId, price: `${1000 + i}.5`, notes });
    }
  });

  it('bookings.csv parses back to exactly bookings.list, in order, formula cells neutralised', async () => {
    const res = await fetch(`${server.url}/api/admin/export/bookings.csv`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="bookings-\d{4}-\d{2}-\d{2}\.csv"$/);
    const records = parse(await res.text(), { columns: true }) as Record<string, string>[];
    const admin = await callerWith(adminToken);
    const listed = await allPages((cursor) => admin.bookings.list({ limit: 100, cursor }));
    expect(records).toHaveLength(1202);
    const headers = Object.keys(records[0] ?? {});
    expect(headers).toEqual(expect.arrayContaining(['id', 'carId', 'customerId', 'status', 'startAt', 'notes']));
    expect(records).toEqual(listed.map((b) => neutralised(asCsvRecord(b, headers))));
    expect(records.find((r) => r.notes?.includes('cmd'))?.notes).toBe("'=cmd()");
    expect(records.find((r) => r.notes?.includes('litres'))?.notes).toBe("'-1+2 litres");
    expect(records.find((r) => r.notes?.startsWith('a,'))?.notes).toBe('a, "b"');
  });

  it('bookings.csv filters as bookings.list does', async () => {
    const query = `?kind=test_drive&status=pending&from=${encodeURIComponent(new Date().toISOString())}`;
    const res = await fetch(`${server.url}/api/admin/export/bookings.csv${query}`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    const records = parse(await res.text(), { columns: true }) as Record<string, string>[];
    const listed = await (await callerWith(adminToken)).bookings.list({
      kind: 'test_drive',
      status: 'pending',
      from: new Date(),
    });
    expect(records.map((r) => r.id)).toEqual(listed.items.map((b) => b.id));
    expect(records).toHaveLength(2);
  });

  it('sales.csv parses back to exactly sales.list (the car snapshot flattened), formula cells neutralised', async () => {
    const res = await fetch(`${server.url}/api/admin/export/sales.csv?customerId=${clientId}`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(res.status).toBe(200);
    const records = parse(await res.text(), { columns: true }) as Record<string, string>[];
    const listed = await (await callerWith(adminToken)).sales.list({ customerId: clientId });
    expect(records).toHaveLength(3);
    const headers = Object.keys(records[0] ?? {});
    expect(headers).toEqual(
      expect.arrayContaining(['id', 'price', 'commissionRate', 'commission', 'soldAt', 'carMake', 'carVin']),
    );
    expect(records).toEqual(listed.items.map((sale) => neutralised(asCsvRecord(flattenSale(sale), headers))));
    expect(records.find((r) => r.notes?.includes('HYPERLINK'))?.notes).toBe('\'=HYPERLINK("http://evil")');
  });

  it('refuses bad filters (400), anonymous (401) and staff (403); each export is audited under its entity', async () => {
    const count = async (entity: string) =>
      (
        await server.database.db
          .selectFrom('auditLog')
          .select('id')
          .where('action', '=', 'export')
          .where('entity', '=', entity)
          .execute()
      ).length;
    const staff = await register('export_staff');
    await server.database.db.updateTable('users').set({ role: 'staff' }).where('id', '=', staff.id).execute();
    for (const [name, entity] of [
      ['bookings', 'booking'],
      ['sales', 'sale'],
    ] as const) {
      const before = await count(entity);
      const url = `${server.url}/api/admin/export/${name}.csv`;
      const bad = await fetch(`${url}?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z&customerId=x`, {
        headers: { authorization: `Bearer ${adminToken}` },
      });
      expect(bad.status).toBe(400);
      const body = (await bad.json()) as { data: { fieldErrors: Record<string, string[]> } };
      expect(Object.keys(body.data.fieldErrors)).toContain('customerId');
      expect((await fetch(`${url}?surprise=1`, { headers: { authorization: `Bearer ${adminToken}` } })).status).toBe(
        400,
      );
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: `Bearer ${staff.token}` } })).status).toBe(403);
      expect(await count(entity)).toBe(before);
      const ok = await fetch(url, { headers: { authorization: `Bearer ${adminToken}` } });
      expect(ok.status).toBe(200);
      // Read to the end: a download left unread holds its connection, and closing the server waits for it.
      await ok.text();
      expect(await count(entity)).toBe(before + 1);
    }
  });
});
