import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from './car-helpers';
import { callerFor, setRole, signUp } from './helpers';

// Mid-June in Lisbon (UTC+1): local midnight of the 15th is 2026-06-14T23:00Z.
const now = new Date('2026-06-15T10:00:00Z');
const settings = { now: () => now, showroomTimeZone: 'Europe/Lisbon' };

let t: TestDatabase;
let empty: TestDatabase;

async function stockCar(db: TestDatabase['db'], status: string, n: number): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    insert into cars (make, model, year, fuel_type, body_type, transmission, price, status)
    values ('Skoda', ${`Octavia ${n}`}, 2020, 'petrol', 'wagon', 'manual', 15000, ${status}) returning id`.execute(db);
  return rows[0]?.id ?? '';
}

async function drive(
  db: TestDatabase['db'],
  carId: string,
  customerId: string,
  status: string,
  startAt: string,
  kind = 'test_drive',
) {
  const start = new Date(startAt);
  await sql`insert into bookings (car_id, kind, status, start_at, end_at, customer_id)
    values (${carId}, ${kind}, ${status}, ${start}, ${new Date(start.getTime() + 3600_000)}, ${customerId})`.execute(
    db,
  );
}

async function sale(
  db: TestDatabase['db'],
  carId: string,
  customerId: string,
  staffId: string,
  price: string,
  commission: string,
  soldAt: string,
) {
  await sql`insert into sales (car_id, customer_id, staff_id, price, commission_rate, commission, car_make, car_model, car_year, sold_at)
    values (${carId}, ${customerId}, ${staffId}, ${price}, 5, ${commission}, 'Skoda', 'Octavia', 2020, ${new Date(soldAt)})`.execute(
    db,
  );
}

let staff: Awaited<ReturnType<typeof member>>;
let otherStaff: Awaited<ReturnType<typeof member>>;
let customer: Awaited<ReturnType<typeof member>>;

beforeAll(async () => {
  [t, empty] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  staff = await member(t.db, 'staff');
  otherStaff = await member(t.db, 'staff');
  customer = await member(t.db, 'client');
  await sql`update users set first_name = 'Ana', last_name = 'Costa' where id = ${customer.id}`.execute(t.db);
  const available = [];
  for (let i = 0; i < 3; i += 1) available.push(await stockCar(t.db, 'available', i));
  const reserved = [await stockCar(t.db, 'reserved', 10), await stockCar(t.db, 'reserved', 11)];
  await stockCar(t.db, 'removed', 20);
  const sold = [];
  for (let i = 0; i < 4; i += 1) sold.push(await stockCar(t.db, 'sold', 30 + i));
  // A garage car is nobody's stock.
  await customer.caller.cars.create({ make: 'Fiat', model: 'Panda', year: 2012 });

  const [a, b, c] = available as [string, string, string];
  const [r1, r2] = reserved as [string, string];
  // Pending requests: tomorrow 10:00 local and next week; a pending rental is not a test-drive request.
  await drive(t.db, a, customer.id, 'pending', '2026-06-16T09:00:00Z');
  await drive(t.db, b, customer.id, 'pending', '2026-06-22T09:00:00Z');
  await drive(t.db, c, customer.id, 'pending', '2026-06-22T09:00:00Z', 'rental');
  // Today (local): from the local midnight on; a cancelled and a declined drive are not on the agenda.
  await drive(t.db, r1, customer.id, 'completed', '2026-06-14T23:00:00Z');
  await drive(t.db, r1, customer.id, 'approved', '2026-06-15T13:00:00Z');
  await drive(t.db, r2, customer.id, 'cancelled', '2026-06-15T13:00:00Z');
  await drive(t.db, r2, customer.id, 'declined', '2026-06-15T14:00:00Z');
  // Yesterday local (22:00Z on the 14th is 23:00 in Lisbon): on no day list.
  await drive(t.db, r2, customer.id, 'completed', '2026-06-14T22:00:00Z');
  // Tomorrow: local midnight of the 16th, and the pending one above.
  await drive(t.db, r2, customer.id, 'approved', '2026-06-15T23:00:00Z');

  const [s1, s2, s3, s4] = sold as [string, string, string, string];
  // This month (local): 00:30 on 1 June in Lisbon is 23:30Z on 31 May.
  await sale(t.db, s1, customer.id, staff.id, '10000.00', '500.00', '2026-05-31T23:30:00Z');
  await sale(t.db, s2, customer.id, staff.id, '20000.50', '1000.03', '2026-06-10T12:00:00Z');
  await sale(t.db, s3, customer.id, otherStaff.id, '7000.00', '350.00', '2026-06-12T12:00:00Z');
  // Last month: 23:30 on 31 May in Lisbon.
  await sale(t.db, s4, customer.id, staff.id, '5000.00', '250.00', '2026-05-31T22:30:00Z');
});
afterAll(() => Promise.all([t?.destroy(), empty?.destroy()]));

describe('admin.dashboard', () => {
  it('answers the figures in showroom time', async () => {
    const d = await staff.caller.admin.dashboard({});
    expect(d).toMatchObject({ timeZone: 'Europe/Lisbon', today: '2026-06-15', tomorrow: '2026-06-16' });
    expect(d.pending.count).toBe(2);
    expect(d.pending.items.map((item) => item.startAt.toISOString())).toEqual([
      '2026-06-16T09:00:00.000Z',
      '2026-06-22T09:00:00.000Z',
    ]);
    expect(d.pending.items[0]).toMatchObject({ customerName: 'Ana Costa', status: 'pending', car: { make: 'Skoda' } });
    expect(d.drivesToday.count).toBe(2);
    expect(d.drivesToday.items.map((item) => item.status)).toEqual(['completed', 'approved']);
    expect(d.drivesTomorrow.count).toBe(2);
    expect(d.drivesTomorrow.items.map((item) => item.startAt.toISOString())).toEqual([
      '2026-06-15T23:00:00.000Z',
      '2026-06-16T09:00:00.000Z',
    ]);
    expect(d.stock).toEqual({ available: 3, reserved: 2, sold: 4, removed: 1 });
    expect(d.sales).toEqual({
      thisMonth: { count: 3, revenue: '37000.50' },
      lastMonth: { count: 1, revenue: '5000.00' },
    });
    expect(d.myCommissionThisMonth).toBe('1500.03');
    // No rate of their own: a sale would use the default.
    expect(d.myCommissionRate).toBe('5.00');
  });

  it('gives each seller their own commission, and admins theirs', async () => {
    expect((await otherStaff.caller.admin.dashboard({})).myCommissionThisMonth).toBe('350.00');
    const admin = await member(t.db, 'admin');
    expect((await admin.caller.admin.dashboard({})).myCommissionThisMonth).toBe('0.00');
  });

  it('answers zeros and empty lists on an empty database', async () => {
    const who = await member(empty.db, 'staff');
    const d = await who.caller.admin.dashboard({});
    expect(d.pending).toEqual({ count: 0, items: [] });
    expect(d.drivesToday).toEqual({ count: 0, items: [] });
    expect(d.drivesTomorrow).toEqual({ count: 0, items: [] });
    expect(d.stock).toEqual({ available: 0, reserved: 0, sold: 0, removed: 0 });
    expect(d.sales).toEqual({ thisMonth: { count: 0, revenue: '0.00' }, lastMonth: { count: 0, revenue: '0.00' } });
    expect(d.myCommissionThisMonth).toBe('0.00');
  });

  it('refuses a client (403) and an anonymous caller (401)', async () => {
    expect((await errorOf(customer.caller.admin.dashboard({}))).code).toBe('FORBIDDEN');
    expect((await errorOf((await callerFor(t.db)).admin.dashboard({}))).code).toBe('UNAUTHORIZED');
  });
});

/** A user of the role with a caller on the dashboard's fixed clock. */
async function member(db: TestDatabase['db'], role: 'client' | 'staff' | 'admin') {
  const user = await signUp(db);
  if (role !== 'client') await setRole(db, user.user.id, role);
  return { id: user.user.id, caller: await callerFor(db, { token: user.token, settings }) };
}
