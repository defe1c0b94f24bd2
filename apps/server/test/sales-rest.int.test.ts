import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers';
import { registerOverRest, restClient } from './rest-client';

/**
 * Sales and staff metrics as REST clients meet them (the published paths, plain JSON, ISO
 * instants, decimal strings), and JSON bodies that must be refused rather than coerced.
 */
let server: TestServer;
let rest: ReturnType<typeof restClient>;
let admin: { id: string; token: string };
let staff: { id: string; token: string };
let client: { id: string; token: string };

async function setRole(id: string, role: 'staff' | 'admin') {
  await server.database.db.updateTable('users').set({ role, commissionRate: '2.50' }).where('id', '=', id).execute();
}

let vin = 0;
async function stockCar(): Promise<string> {
  vin += 1;
  const reply = await rest(
    'POST',
    '/inventory',
    {
      make: 'Volvo',
      model: 'XC40',
      year: 2023,
      vin: `YV1XZ${String(vin).padStart(12, '0')}`,
      fuelType: 'electric',
      bodyType: 'suv',
      transmission: 'automatic',
      price: '42000',
    },
    staff.token,
  );
  expect(reply.status).toBe(200);
  return reply.body.id;
}

beforeAll(async () => {
  server = await startTestServer({ logLevel: 'silent' });
  rest = restClient(server.url);
  admin = await registerOverRest(rest, 'salesadmin');
  staff = await registerOverRest(rest, 'salesstaff');
  client = await registerOverRest(rest, 'salesclient');
  await setRole(admin.id, 'admin');
  await setRole(staff.id, 'staff');
});
afterAll(() => server.close());

describe('sales over REST', () => {
  it('POST /api/sales sells; GET lists and gets; PATCH corrects (admin): the documented fields and codes', async () => {
    const carId = await stockCar();
    const created = await rest('POST', '/sales', { carId, customerId: client.id, price: '19999.99' }, staff.token);
    expect(created.status).toBe(200);
    expect(Object.keys(created.body).sort()).toEqual(
      [
        'car',
        'carId',
        'commission',
        'commissionRate',
        'customerId',
        'garageCarId',
        'id',
        'notes',
        'price',
        'soldAt',
        'staffId',
        'updatedAt',
      ].sort(),
    );
    expect(created.body).toMatchObject({
      carId,
      customerId: client.id,
      staffId: staff.id,
      price: '19999.99',
      commissionRate: '2.50',
      commission: '500.00',
      car: { make: 'Volvo', model: 'XC40', year: 2023 },
    });
    expect(created.body.soldAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const again = await rest('POST', '/sales', { carId, customerId: client.id, price: '1' }, staff.token);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CONFLICT');

    const list = await rest('GET', `/sales?staffId=${staff.id}&limit=10`, undefined, staff.token);
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([created.body.id]);
    const from = new Date(Date.now() + 86_400_000).toISOString();
    const future = await rest('GET', `/sales?from=${encodeURIComponent(from)}`, undefined, staff.token);
    expect(future.body.items).toEqual([]);

    const one = await rest('GET', `/sales/${created.body.id}`, undefined, staff.token);
    expect(one.status).toBe(200);
    expect(one.body.id).toBe(created.body.id);

    const staffPatch = await rest('PATCH', `/sales/${created.body.id}`, { price: '19000' }, staff.token);
    expect(staffPatch.status).toBe(403);
    const patched = await rest('PATCH', `/sales/${created.body.id}`, { price: '19000', notes: 'Fixed' }, admin.token);
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ price: '19000.00', commission: '475.00', notes: 'Fixed' });

    // The buyer finds it in their garage.
    const garage = await rest('GET', '/cars', undefined, client.token);
    expect(garage.body.items.map((c: { id: string }) => c.id)).toEqual([created.body.garageCarId]);
  });

  it('answers 400 for malformed input, 401 anonymous, 403 a client, 404 unknown ids', async () => {
    const carId = await stockCar();
    expect((await rest('POST', '/sales', { carId, customerId: client.id, price: '1' })).status).toBe(401);
    expect((await rest('POST', '/sales', { carId, customerId: client.id, price: '1' }, client.token)).status).toBe(403);
    expect((await rest('GET', '/sales', undefined, client.token)).status).toBe(403);
    const bad = await rest('POST', '/sales', { carId: 'x', customerId: client.id, price: 'cheap' }, staff.token);
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.data.fieldErrors).sort()).toEqual(['carId', 'price']);
    expect(bad.body.data.stack).toBeUndefined();
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await rest('GET', `/sales/${unknown}`, undefined, staff.token)).status).toBe(404);
    expect((await rest('GET', '/sales/not-a-uuid', undefined, staff.token)).status).toBe(400);
    expect(
      (await rest('POST', '/sales', { carId: unknown, customerId: client.id, price: '1' }, staff.token)).status,
    ).toBe(404);
    const backwards = await rest(
      'GET',
      '/sales?from=2030-02-01T00:00:00Z&to=2030-01-01T00:00:00Z',
      undefined,
      staff.token,
    );
    expect(backwards.status).toBe(400);
  });
});

describe('staff metrics over REST', () => {
  it('GET /api/staff/{id}/metrics with an optional period; staff their own only', async () => {
    const own = await rest('GET', `/staff/${staff.id}/metrics`, undefined, staff.token);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      staffId: staff.id,
      from: null,
      to: null,
      salesCount: 1,
      revenue: '19000.00',
      commission: '475.00',
      testDrives: { approved: 0, completed: 0, noShow: 0 },
      conversion: 0,
    });
    const period = await rest(
      'GET',
      `/staff/${staff.id}/metrics?from=2020-01-01T00:00:00.000Z&to=2020-02-01T00:00:00.000Z`,
      undefined,
      admin.token,
    );
    expect(period.status).toBe(200);
    expect(period.body).toMatchObject({ from: '2020-01-01T00:00:00.000Z', salesCount: 0, revenue: '0.00' });
    expect((await rest('GET', `/staff/${admin.id}/metrics`, undefined, staff.token)).status).toBe(403);
    expect((await rest('GET', `/staff/${staff.id}/metrics`, undefined, client.token)).status).toBe(403);
    expect((await rest('GET', `/staff/${staff.id}/metrics`)).status).toBe(401);
    expect((await rest('GET', `/staff/${client.id}/metrics`, undefined, admin.token)).status).toBe(404);
    expect((await rest('GET', `/staff/${staff.id}/metrics?from=yesterday`, undefined, admin.token)).status).toBe(400);
  });
});

describe('JSON bodies are taken as typed, never coerced', () => {
  it('refuses "false" for a boolean and "" or null for a number, instead of reading them as true or 0', async () => {
    const victim = await registerOverRest(rest, 'coerce');
    const asString = await rest('PATCH', `/admin/users/${victim.id}`, { isActive: 'false' }, admin.token);
    expect(asString.status).toBe(400);
    expect(asString.body.data.fieldErrors.isActive).toBeDefined();
    expect((await rest('GET', `/admin/users/${victim.id}`, undefined, admin.token)).body.isActive).toBe(true);
    const real = await rest('PATCH', `/admin/users/${victim.id}`, { isActive: false }, admin.token);
    expect(real.status).toBe(200);
    expect(real.body.isActive).toBe(false);

    const car = await rest('POST', '/cars', { make: 'Seat', model: 'Ibiza', year: 2015, mileage: 5000 }, client.token);
    expect(car.status).toBe(200);
    for (const mileage of ['', null, true, '7']) {
      const reply = await rest('PATCH', `/cars/${car.body.id}`, { mileage }, client.token);
      expect(reply.status, JSON.stringify(mileage)).toBe(400);
      expect(reply.body.data.fieldErrors.mileage).toBeDefined();
    }
    expect((await rest('POST', '/cars', { make: 'Seat', model: 'Leon', year: '' }, client.token)).status).toBe(400);
    expect((await rest('GET', `/cars/${car.body.id}`, undefined, client.token)).body.mileage).toBe(5000);
  });
});

describe('input no column can hold is a 400, never a 500', () => {
  it('refuses a NUL character in any string, at any depth, on every kind of route', async () => {
    const carId = await stockCar();
    const nul = 'a\u0000b';
    const replies = [
      [
        'sales notes',
        await rest('POST', '/sales', { carId, customerId: client.id, price: '1', notes: nul }, staff.token),
      ],
      ['login identifier', await rest('POST', '/auth/login', { identifier: nul, password: 'whatever-it-is' })],
      ['profile phone', await rest('PATCH', '/auth/me', { phone: nul }, client.token)],
      ['user search', await rest('GET', '/admin/users?search=%00x', undefined, admin.token)],
      ['audit entity id', await rest('GET', '/admin/audit?entityId=%00', undefined, admin.token)],
      ['catalogue text', await rest('GET', '/inventory?q=ab%00c')],
    ] as const;
    for (const [name, reply] of replies) {
      expect(reply.status, name).toBe(400);
      expect(JSON.stringify(reply.body.data.fieldErrors), name).toContain('NUL');
    }
    const csv = await fetch(`${server.url}/api/admin/export/cars.csv?q=%00`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(csv.status).toBe(400);
  });

  it('refuses instants outside the years 1 to 9999 (PostgreSQL can not store them)', async () => {
    for (const path of [
      '/sales?from=-001000-01-01T00:00:00Z',
      '/bookings?from=%2B275760-09-13T00:00:00Z',
      `/staff/${staff.id}/metrics?to=-271821-04-20T00:00:00Z`,
      '/admin/audit?from=0000-12-31T00:00:00Z',
    ]) {
      const reply = await rest('GET', path, undefined, admin.token);
      expect(reply.status, path).toBe(400);
    }
  });
});
