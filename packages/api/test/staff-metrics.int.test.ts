import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { showroom, stockFields } from './booking-helpers';
import { errorOf } from './car-helpers';
import { callerFor, userWithRole } from './helpers';

/**
 * staff.metrics on a data set built by hand, through the procedures, with answers worked out
 * on paper. March 2030, showroom on UTC:
 *
 * seller S (10 %):
 *   drive A by c1 03-04 10:00, approved + completed by S; S sells A to c1 03-05 for 10,000.00  -> converted
 *   drive B by c2 03-04 11:00, approved + completed by S; no sale
 *   drive H by c2 03-07 10:00, approved + completed by S; no sale
 *   drive C by c3 03-06 10:00, approved by S, completed by T; S sells C to c3 03-07 for 8,000.00
 *     (the drive is T's: it converts for nobody)
 *   drive D by c4 03-06 11:00, approved by S, left approved
 *   drive E by c1 03-06 12:00, approved by S, marked no-show by S
 *   S sells G to c4 on 04-02 for 5,000.00 (outside March)
 * seller T (2.5 %): completed drive C; sells F to c2 03-10 for 19,999.99 (commission 500.00)
 */
let t: TestDatabase;
const { clock, settings } = showroom('UTC', new Date('2030-03-01T08:00:00Z'));
type User = Awaited<ReturnType<typeof userWithRole>>;
let admin: User;
let s: User;
let tee: User;
const march = { from: new Date('2030-03-01T00:00:00Z'), to: new Date('2030-04-01T00:00:00Z') };

beforeAll(async () => {
  t = await createTestDatabase();
  admin = await userWithRole(t.db, 'admin', settings);
  s = await userWithRole(t.db, 'staff', settings);
  tee = await userWithRole(t.db, 'staff', settings);
  await admin.caller.staff.update({ id: s.id, commissionRate: '10' });
  await admin.caller.staff.update({ id: tee.id, commissionRate: '2.5' });
  const [c1, c2, c3, c4] = [
    await userWithRole(t.db, 'client', settings),
    await userWithRole(t.db, 'client', settings),
    await userWithRole(t.db, 'client', settings),
    await userWithRole(t.db, 'client', settings),
  ];
  if (!c1 || !c2 || !c3 || !c4) throw new Error('customers missing');
  const car = async (model: string) =>
    (await s.caller.inventory.create({ make: 'Skoda', model, year: 2023, ...stockFields })).id;
  const cars = { A: await car('A'), B: await car('B'), C: await car('C'), D: await car('D') };
  const more = { E: await car('E'), F: await car('F'), G: await car('G'), H: await car('H') };
  const drive = async (customer: User, carId: string, at: string) =>
    (await customer.caller.bookings.create({ carId, kind: 'test_drive', startAt: new Date(at) })).id;
  const a = await drive(c1, cars.A, '2030-03-04T10:00:00Z');
  const b = await drive(c2, cars.B, '2030-03-04T11:00:00Z');
  const c = await drive(c3, cars.C, '2030-03-06T10:00:00Z');
  const d = await drive(c4, cars.D, '2030-03-06T11:00:00Z');
  const e = await drive(c1, more.E, '2030-03-06T12:00:00Z');
  const h = await drive(c2, more.H, '2030-03-07T10:00:00Z');
  for (const id of [a, b, c, d, e, h]) await s.caller.bookings.approve({ id });

  clock.now = new Date('2030-03-04T12:00:00Z');
  await s.caller.bookings.complete({ id: a });
  await s.caller.bookings.complete({ id: b });
  clock.now = new Date('2030-03-05T12:00:00Z');
  await s.caller.sales.create({ carId: cars.A, customerId: c1.id, price: '10000' });
  clock.now = new Date('2030-03-06T13:00:00Z');
  await tee.caller.bookings.complete({ id: c });
  await s.caller.bookings.noShow({ id: e });
  clock.now = new Date('2030-03-07T12:00:00Z');
  await s.caller.bookings.complete({ id: h });
  await s.caller.sales.create({ carId: cars.C, customerId: c3.id, price: '8000' });
  clock.now = new Date('2030-03-10T12:00:00Z');
  await tee.caller.sales.create({ carId: more.F, customerId: c2.id, price: '19999.99' });
  clock.now = new Date('2030-04-02T12:00:00Z');
  await s.caller.sales.create({ carId: more.G, customerId: c4.id, price: '5000' });
});
afterAll(() => t.destroy());

describe('staff.metrics', () => {
  it('answers the worked example for all time', async () => {
    expect(await admin.caller.staff.metrics({ id: s.id })).toEqual({
      staffId: s.id,
      from: null,
      to: null,
      salesCount: 3,
      revenue: '23000.00',
      commission: '2300.00',
      testDrives: { approved: 1, completed: 3, noShow: 1 },
      conversion: 0.3333,
    });
    expect(await admin.caller.staff.metrics({ id: tee.id })).toMatchObject({
      salesCount: 1,
      revenue: '19999.99',
      commission: '500.00',
      testDrives: { approved: 0, completed: 1, noShow: 0 },
      conversion: 0,
    });
  });

  it('counts only the period asked for: [from, to)', async () => {
    expect(await admin.caller.staff.metrics({ id: s.id, ...march })).toMatchObject({
      salesCount: 2,
      revenue: '18000.00',
      commission: '1800.00',
      testDrives: { approved: 1, completed: 3, noShow: 1 },
      conversion: 0.3333,
    });
    const april = await admin.caller.staff.metrics({ id: s.id, from: march.to });
    expect(april).toMatchObject({
      salesCount: 1,
      revenue: '5000.00',
      commission: '500.00',
      testDrives: { approved: 0, completed: 0, noShow: 0 },
      conversion: 0,
    });
    expect(april.from).toEqual(march.to);
    // The first week only: drives A and B (completed), the A sale; C, D, E, H start later.
    expect(
      await admin.caller.staff.metrics({ id: s.id, from: march.from, to: new Date('2030-03-06T00:00:00Z') }),
    ).toMatchObject({
      salesCount: 1,
      revenue: '10000.00',
      testDrives: { approved: 0, completed: 2, noShow: 0 },
      conversion: 0.5,
    });
    // A sale whose drive is before the period doesn't convert inside it.
    expect(
      await admin.caller.staff.metrics({ id: s.id, from: new Date('2030-03-05T00:00:00Z'), to: march.to }),
    ).toMatchObject({ salesCount: 2, testDrives: { completed: 1 }, conversion: 0 });
    // Nobody: zeros, not errors.
    const nobody = await userWithRole(t.db, 'staff', settings);
    expect(await admin.caller.staff.metrics({ id: nobody.id })).toMatchObject({
      salesCount: 0,
      revenue: '0.00',
      commission: '0.00',
      testDrives: { approved: 0, completed: 0, noShow: 0 },
      conversion: 0,
    });
  });

  it('lets staff read their own, not a colleague’s; admins anyone’s; a client’s id is no staff member', async () => {
    await expect(s.caller.staff.metrics({ id: s.id })).resolves.toMatchObject({ salesCount: 3 });
    expect((await errorOf(s.caller.staff.metrics({ id: tee.id }))).code).toBe('FORBIDDEN');
    const client = await userWithRole(t.db, 'client', settings);
    expect((await errorOf(client.caller.staff.metrics({ id: client.id }))).code).toBe('FORBIDDEN');
    expect((await errorOf((await callerFor(t.db)).staff.metrics({ id: s.id }))).code).toBe('UNAUTHORIZED');
    expect((await errorOf(admin.caller.staff.metrics({ id: client.id }))).code).toBe('NOT_FOUND');
    // A seller demoted to client keeps the figures of what they did.
    const former = await userWithRole(t.db, 'staff', settings);
    await former.caller.bookings.approve({
      id: (
        await client.caller.bookings.create({
          carId: (await s.caller.inventory.create({ make: 'Skoda', model: 'Z', year: 2023, ...stockFields })).id,
          kind: 'test_drive',
          startAt: new Date('2030-04-10T10:00:00Z'),
        })
      ).id,
    });
    await admin.caller.admin.users.update({ id: former.id, role: 'client' });
    expect(await admin.caller.staff.metrics({ id: former.id })).toMatchObject({ testDrives: { approved: 1 } });
    expect((await errorOf(admin.caller.staff.metrics({ id: 'nope' }))).code).toBe('BAD_REQUEST');
    const backwards = admin.caller.staff.metrics({ id: s.id, from: march.to, to: march.from });
    expect((await errorOf(backwards)).code).toBe('BAD_REQUEST');
  });
});
