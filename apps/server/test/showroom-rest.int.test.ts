import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers';
import { registerOverRest, restClient } from './rest-client';

/**
 * The showroom settings, the availability searches and off-offer stock as REST clients meet
 * them: the published paths (`/api/inventory/available` beside `/api/inventory/{id}`), readable
 * 400s, the 409 naming the car's status.
 */
let server: TestServer;
let rest: ReturnType<typeof restClient>;
let admin: { id: string; token: string };
let staff: { id: string; token: string };
let client: { id: string; token: string };

const week = (from: string) => {
  const day = [{ from, to: '17:00' }];
  return { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day };
};

beforeAll(async () => {
  server = await startTestServer({ logLevel: 'silent', showroomTimeZone: 'Europe/Berlin' });
  rest = restClient(server.url);
  admin = await registerOverRest(rest, 'showadmin');
  staff = await registerOverRest(rest, 'showstaff');
  client = await registerOverRest(rest, 'showclient');
  await server.database.db.updateTable('users').set({ role: 'admin' }).where('id', '=', admin.id).execute();
  await server.database.db.updateTable('users').set({ role: 'staff' }).where('id', '=', staff.id).execute();
});
afterAll(() => server.close());

async function stockCar(make: string): Promise<string> {
  const reply = await rest(
    'POST',
    '/inventory',
    { make, model: 'X', year: 2024, fuelType: 'petrol', bodyType: 'suv', transmission: 'manual', price: '1000' },
    staff.token,
  );
  expect(reply.status).toBe(200);
  return reply.body.id;
}

describe('GET and PUT /api/admin/showroom', () => {
  it("anyone reads the settings: a new database has today's hours in SHOWROOM_TZ", async () => {
    const reply = await rest('GET', '/admin/showroom');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      timeZone: 'Europe/Berlin',
      openingHours: week('09:00'),
      closedDates: [],
      minNoticeMinutes: 0,
      bufferMinutes: 0,
    });
  });

  it('an admin replaces them (audited); staff get 403, anonymous 401, nonsense a 400 naming the field', async () => {
    const settings = {
      timeZone: 'America/New_York',
      openingHours: { ...week('10:00'), sun: [] },
      closedDates: ['2031-12-25', '2031-01-01', '2031-12-25'],
      minNoticeMinutes: 120,
      bufferMinutes: 30,
    };
    expect((await rest('PUT', '/admin/showroom', settings)).status).toBe(401);
    expect((await rest('PUT', '/admin/showroom', settings, staff.token)).status).toBe(403);
    const bad = await rest('PUT', '/admin/showroom', { ...settings, bufferMinutes: '30' }, admin.token);
    expect(bad.status).toBe(400);
    expect(bad.body.data.fieldErrors.bufferMinutes).toBeDefined();
    const zone = await rest('PUT', '/admin/showroom', { ...settings, timeZone: 'Mars/Olympus' }, admin.token);
    expect(zone.status).toBe(400);
    expect(zone.body.data.fieldErrors.timeZone[0]).toContain('IANA');
    const range = await rest(
      'PUT',
      '/admin/showroom',
      { ...settings, openingHours: { ...settings.openingHours, mon: [{ from: '12:00', to: '09:00' }] } },
      admin.token,
    );
    expect(range.status).toBe(400);

    const saved = await rest('PUT', '/admin/showroom', settings, admin.token);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ ...settings, closedDates: ['2031-01-01', '2031-12-25'] });
    expect((await rest('GET', '/admin/showroom')).body.timeZone).toBe('America/New_York');
    const audit = await rest('GET', '/admin/audit?entity=showroom', undefined, admin.token);
    expect(audit.body.items[0].changes.bufferMinutes).toEqual([0, 30]);
    // Back to the defaults for the tests below.
    const reset = {
      timeZone: 'Europe/Berlin',
      openingHours: week('09:00'),
      closedDates: [],
      minNoticeMinutes: 0,
      bufferMinutes: 0,
    };
    expect((await rest('PUT', '/admin/showroom', reset, admin.token)).status).toBe(200);
  });
});

describe('GET /api/inventory/available and /api/cars/available', () => {
  it('are their own routes, not /inventory/{id} or /cars/{id}, with 400s for a bad window', async () => {
    const carId = await stockCar('Lada');
    const from = '2031-06-01T10:00:00Z';
    const to = '2031-06-04T09:00:00Z';
    const free = await rest('GET', `/inventory/available?from=${from}&to=${to}&make=lada`);
    expect(free.status).toBe(200);
    expect(free.body.items.map((c: { id: string }) => c.id)).toEqual([carId]);
    expect((await rest('GET', `/inventory/${carId}`)).status).toBe(200);

    const backwards = await rest('GET', `/inventory/available?from=${to}&to=${from}`);
    expect(backwards.status).toBe(400);
    expect(backwards.body.data.fieldErrors.to[0]).toContain('after from');
    const long = await rest('GET', `/inventory/available?from=${from}&to=2031-12-01T00:00:00Z`);
    expect(long.status).toBe(400);
    expect(long.body.data.fieldErrors.to[0]).toContain('90 days');
    expect((await rest('GET', `/inventory/available?to=${to}`)).status).toBe(400);

    expect((await rest('GET', `/cars/available?from=${from}&to=${to}`)).status).toBe(401);
    const garage = await rest('POST', '/cars', { make: 'Trabant', model: '601', year: 1980 }, client.token);
    const mine = await rest('GET', `/cars/available?from=${from}&to=${to}`, undefined, client.token);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([garage.body.id]);
  });
});

describe('stock taken off offer', () => {
  it('PATCH to removed cancels the future test drive; approving it then is 409 naming the status', async () => {
    const carId = await stockCar('Wartburg');
    const booked = await rest(
      'POST',
      '/bookings',
      { carId, kind: 'test_drive', startAt: '2031-07-01T08:00:00Z' },
      client.token,
    );
    expect(booked.status).toBe(200);
    const other = await stockCar('Wartburg');
    const second = await rest(
      'POST',
      '/bookings',
      { carId: other, kind: 'test_drive', startAt: '2031-07-01T08:00:00Z' },
      client.token,
    );
    expect(second.status).toBe(200);

    expect((await rest('PATCH', `/inventory/${carId}`, { status: 'removed' }, staff.token)).status).toBe(200);
    const after = await rest('GET', `/bookings/${booked.body.id}`, undefined, client.token);
    expect(after.body.status).toBe('cancelled');

    // A booking left open on a removed car (as before this rule) can't be approved.
    await server.database.db.updateTable('cars').set({ status: 'removed' }).where('id', '=', other).execute();
    const approve = await rest('POST', `/bookings/${second.body.id}/approve`, {}, staff.token);
    expect(approve.status).toBe(409);
    expect(approve.body.message).toContain('removed');
  });
});
