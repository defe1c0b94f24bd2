import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bookingEvents, showroom, stockFields } from './booking-helpers';
import { errorOf } from './car-helpers';
import { userWithRole } from './helpers';

/**
 * Every path that takes stock off offer cancels its future pending/approved bookings in the
 * same transaction, audited, the customer told why; a booking of such a car can't be
 * approved, completed or moved (409 naming the car's status).
 */
let t: TestDatabase;
const START = new Date('2030-03-04T08:00:00Z');
const { clock, settings } = showroom('UTC', START);
type User = Awaited<ReturnType<typeof userWithRole>>;
let staff: User;
let admin: User;

beforeAll(async () => {
  t = await createTestDatabase();
  staff = await userWithRole(t.db, 'staff', settings);
  admin = await userWithRole(t.db, 'admin', settings);
});
afterAll(() => t.destroy());
beforeEach(() => {
  clock.now = START;
});

let day = 5;
/** A stock car with an approved and a pending test drive later on, and one that is over. */
async function carWithBookings() {
  const car = await staff.caller.inventory.create({ make: 'Opel', model: 'Astra', year: 2022, ...stockFields });
  day += 1;
  const customer = await userWithRole(t.db, 'client', settings);
  const pastStart = new Date(Date.UTC(2030, 2, day, 9));
  const past = await customer.caller.bookings.create({ carId: car.id, kind: 'test_drive', startAt: pastStart });
  await staff.caller.bookings.approve({ id: past.id });
  const approved = await customer.caller.bookings.create({
    carId: car.id,
    kind: 'test_drive',
    startAt: new Date(Date.UTC(2030, 2, day + 20, 10)),
  });
  await staff.caller.bookings.approve({ id: approved.id });
  const pending = await customer.caller.bookings.create({
    carId: car.id,
    kind: 'test_drive',
    startAt: new Date(Date.UTC(2030, 2, day + 21, 11)),
  });
  // The first drive is now under way: not in the future, so it stays.
  clock.now = new Date(pastStart.getTime() + 30 * 60_000);
  return { car, customer, past, approved, pending };
}

async function statusOf(id: string) {
  return (await t.db.selectFrom('bookings').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
}

async function auditedCancels(bookingIds: string[]) {
  return t.db
    .selectFrom('auditLog')
    .select('entityId')
    .where('entity', '=', 'booking')
    .where('entityId', 'in', bookingIds)
    .where('actorId', '=', staff.id)
    .where(sql`changes->'status'->>1`, '=', 'cancelled')
    .execute();
}

describe('taking stock off offer', () => {
  it.each([
    ['inventory.update to sold', (id: string) => staff.caller.inventory.update({ id, status: 'sold' }), 'sold'],
    [
      'inventory.update to removed',
      (id: string) => staff.caller.inventory.update({ id, status: 'removed' }),
      'no longer on offer',
    ],
    [
      'inventory.bulkSetStatus sold',
      (id: string) => staff.caller.inventory.bulkSetStatus({ ids: [id], status: 'sold' }),
      'sold',
    ],
    ['inventory.remove (kept as removed)', (id: string) => staff.caller.inventory.remove({ id }), 'no longer on offer'],
  ] as const)('%s cancels the future bookings, audited, customers told why', async (_name, takeOff, reason) => {
    const { car, past, approved, pending } = await carWithBookings();
    await takeOff(car.id);
    expect(await statusOf(approved.id)).toBe('cancelled');
    expect(await statusOf(pending.id)).toBe('cancelled');
    expect(await statusOf(past.id)).toBe('approved');
    expect((await auditedCancels([approved.id, pending.id])).length).toBe(2);
    for (const id of [approved.id, pending.id]) {
      const cancelled = (await bookingEvents(t.db, id)).find((e) => e.type === 'booking.cancelled');
      expect(cancelled?.payload.reason).toContain(reason);
      expect(cancelled?.recipients).toHaveLength(1);
    }
  });

  it('a bulk change cancels the bookings of every car it takes off offer, and none of those it keeps on', async () => {
    const a = await carWithBookings();
    const b = await carWithBookings();
    await staff.caller.inventory.bulkSetStatus({ ids: [a.car.id, b.car.id], status: 'removed' });
    for (const id of [a.approved.id, a.pending.id, b.approved.id, b.pending.id])
      expect(await statusOf(id)).toBe('cancelled');
    const c = await carWithBookings();
    await staff.caller.inventory.bulkSetStatus({ ids: [c.car.id], status: 'reserved' });
    expect(await statusOf(c.approved.id)).toBe('approved');
    expect(await statusOf(c.pending.id)).toBe('pending');
  });
});

describe('a booking of a car not on offer', () => {
  it.each(['sold', 'removed'] as const)(
    'can not be approved, completed or rescheduled when the car is %s (409)',
    async (status) => {
      const { car, customer, past, approved, pending } = await carWithBookings();
      // Left open as the old code did: set the status behind the workflow's back.
      await t.db.updateTable('cars').set({ status }).where('id', '=', car.id).execute();
      const approve = await errorOf(staff.caller.bookings.approve({ id: pending.id }));
      expect(approve.code).toBe('CONFLICT');
      expect(approve.message).toContain(`This car is ${status}`);
      clock.now = new Date(past.startAt.getTime() + 65 * 60_000);
      const complete = await errorOf(admin.caller.bookings.complete({ id: past.id }));
      expect(complete.code).toBe('CONFLICT');
      expect(complete.message).toContain(status);
      const moved = await errorOf(
        customer.caller.bookings.reschedule({
          id: approved.id,
          startAt: new Date(approved.startAt.getTime() + 3_600_000),
        }),
      );
      expect(moved.code).toBe('CONFLICT');
      expect(moved.message).toContain(status);
      // Declining and cancelling still work: they end the booking.
      await staff.caller.bookings.decline({ id: pending.id });
      await customer.caller.bookings.cancel({ id: approved.id });
    },
  );
});
