import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { zonedInstant } from '../src/domain/showroom/showroom-time';
import { bookingEvents, type Settings, showroom, stockFields } from './booking-helpers';
import { errorOf, fieldMessages } from './car-helpers';
import type { callerFor } from './helpers';
import { userWithRole } from './helpers';
import { drain, testWorker } from './notify-helpers';

type Caller = Awaited<ReturnType<typeof callerFor>>;
type User = { id: string; caller: Caller };
type Booking = Awaited<ReturnType<Caller['bookings']['create']>>;

const TZ = 'Europe/Berlin';
// Monday 2030-06-03, 08:00 in Berlin (CEST, UTC+2): a fixed clock the procedures read through ctx.settings.
const START = new Date('2030-06-03T06:00:00Z');
const TODAY = '2030-06-03';
const TOMORROW = '2030-06-04';

/** The instant of a Berlin wall time. */
function at(date: string, hour: number, minute = 0): Date {
  const instant = zonedInstant(date, hour, minute, TZ);
  if (!instant) throw new Error(`${date} ${hour}:${minute} does not exist in ${TZ}`);
  return instant;
}

let t: TestDatabase;
let clock: { now: Date };
let settings: Settings;
let alice: User; // client, owns garage cars
let bob: User; // client
let carol: User; // client
let staff: User;
let admin: User;
let aliceCar: { id: string };
let aliceVan: { id: string };

async function stockCar(status: 'available' | 'reserved' | 'sold' | 'removed' = 'available') {
  return staff.caller.inventory.create({ make: 'Toyota', model: 'Corolla', year: 2022, ...stockFields, status });
}

async function testDrive(user: User, carId: string, startAt: Date, extra: { customerId?: string } = {}) {
  return user.caller.bookings.create({ carId, kind: 'test_drive', startAt, ...extra });
}

beforeAll(async () => {
  t = await createTestDatabase();
  ({ clock, settings } = showroom(TZ, START));
  [alice, bob, carol, staff, admin] = await Promise.all([
    userWithRole(t.db, 'client', settings),
    userWithRole(t.db, 'client', settings),
    userWithRole(t.db, 'client', settings),
    userWithRole(t.db, 'staff', settings),
    userWithRole(t.db, 'admin', settings),
  ]);
  aliceCar = await alice.caller.cars.create({ make: 'Volkswagen', model: 'Golf', year: 2018 });
  aliceVan = await alice.caller.cars.create({ make: 'Renault', model: 'Kangoo', year: 2020 });
});
afterAll(() => t.destroy());
beforeEach(() => {
  clock.now = START;
});

describe('rentals', () => {
  it('an owner books whole days of their own car: approved at once, Berlin midnights, both dates kept', async () => {
    const booking = await alice.caller.bookings.create({
      carId: aliceCar.id,
      kind: 'rental',
      startDate: '2030-07-01',
      endDate: '2030-07-03',
      renterName: 'Rita Renter',
      renterPhone: '+49 30 1234',
      renterEmail: 'rita@example.com',
    });
    expect(booking).toMatchObject({
      status: 'approved',
      kind: 'rental',
      customerId: alice.id,
      startDate: '2030-07-01',
      endDate: '2030-07-03',
      renterName: 'Rita Renter',
      renterPhone: '+49 30 1234',
      renterEmail: 'rita@example.com',
      createdBy: alice.id,
      handledBy: null,
    });
    expect(booking.startAt.toISOString()).toBe('2030-06-30T22:00:00.000Z');
    expect(booking.endAt.toISOString()).toBe('2030-07-03T22:00:00.000Z');
    expect((await bookingEvents(t.db, booking.id)).map((e) => e.type)).toEqual(['booking.created']);
  });

  it('an owner books exact pick-up and return times; the car can go out the day it comes back', async () => {
    const first = await alice.caller.bookings.create({
      carId: aliceCar.id,
      kind: 'rental',
      startAt: at('2030-08-01', 9),
      endAt: at('2030-08-02', 12),
    });
    const second = await alice.caller.bookings.create({
      carId: aliceCar.id,
      kind: 'rental',
      startAt: at('2030-08-02', 12),
      endAt: at('2030-08-02', 18),
    });
    expect([first.status, second.status, first.startDate, first.endDate]).toEqual(['approved', 'approved', null, null]);
  });

  it('someone else’s garage car is invisible: 404 for another client and for staff; admin may book it', async () => {
    const input = { carId: aliceCar.id, kind: 'rental' as const, startDate: '2030-09-01', endDate: '2030-09-01' };
    expect((await errorOf(bob.caller.bookings.create(input))).code).toBe('NOT_FOUND');
    expect((await errorOf(staff.caller.bookings.create(input))).code).toBe('NOT_FOUND');
    const byAdmin = await admin.caller.bookings.create(input);
    expect(byAdmin).toMatchObject({ status: 'approved', customerId: alice.id, createdBy: admin.id });
  });

  it('a client may not rent stock (403); staff rent stock for a named customer', async () => {
    const car = await stockCar();
    const input = { carId: car.id, kind: 'rental' as const, startDate: '2030-09-01', endDate: '2030-09-02' };
    expect((await errorOf(bob.caller.bookings.create(input))).code).toBe('FORBIDDEN');
    const noCustomer = await errorOf(staff.caller.bookings.create(input));
    expect(noCustomer.code).toBe('BAD_REQUEST');
    expect(fieldMessages(noCustomer).customerId).toBeDefined();
    const booking = await staff.caller.bookings.create({ ...input, customerId: bob.id });
    expect(booking).toMatchObject({ status: 'approved', customerId: bob.id, createdBy: staff.id, handledBy: staff.id });
  });

  it('refuses an end before the start, a start before today, mixed forms and a client naming another customer', async () => {
    const base = { carId: aliceCar.id, kind: 'rental' as const };
    const backwards = await errorOf(
      alice.caller.bookings.create({ ...base, startDate: '2030-10-05', endDate: '2030-10-04' }),
    );
    expect(fieldMessages(backwards).endDate).toBeDefined();
    const backwardsTimes = await errorOf(
      alice.caller.bookings.create({ ...base, startAt: at('2030-10-05', 12), endAt: at('2030-10-05', 11) }),
    );
    expect(fieldMessages(backwardsTimes).endAt).toBeDefined();
    const yesterday = await errorOf(
      alice.caller.bookings.create({ ...base, startDate: '2030-06-02', endDate: '2030-06-05' }),
    );
    expect(yesterday.code).toBe('BAD_REQUEST');
    expect(yesterday.message).toContain(TODAY);
    const earlierToday = await errorOf(
      alice.caller.bookings.create({ ...base, startAt: at('2030-06-02', 23, 30), endAt: at(TODAY, 12) }),
    );
    expect(fieldMessages(earlierToday).startAt?.[0]).toContain('today');
    // Today counts, even a time earlier today (a pick-up recorded after the fact).
    const today = await alice.caller.bookings.create({ ...base, startAt: at(TODAY, 0, 30), endAt: at(TODAY, 2) });
    expect(today.status).toBe('approved');
    const mixed = await errorOf(
      alice.caller.bookings.create({
        ...base,
        startDate: '2030-10-05',
        endDate: '2030-10-06',
        startAt: at('2030-10-05', 9),
      }),
    );
    expect(mixed.code).toBe('BAD_REQUEST');
    const forBob = await errorOf(
      alice.caller.bookings.create({ ...base, startDate: '2030-10-10', endDate: '2030-10-10', customerId: bob.id }),
    );
    expect(forBob.code).toBe('FORBIDDEN');
  });
});

describe('test drives', () => {
  it('a client books available or reserved stock for themselves: pending, exactly one hour', async () => {
    for (const status of ['available', 'reserved'] as const) {
      const car = await stockCar(status);
      const booking = await testDrive(carol, car.id, at(TOMORROW, 9));
      expect(booking).toMatchObject({ status: 'pending', kind: 'test_drive', customerId: carol.id, handledBy: null });
      expect(booking.endAt.getTime() - booking.startAt.getTime()).toBe(3600_000);
      await carol.caller.bookings.cancel({ id: booking.id });
    }
  });

  it('starts on the hour from 09:00 to 16:00 showroom time, in the future', async () => {
    const car = await stockCar();
    for (const [hour, minute, why] of [
      [8, 0, 'Before opening: the showroom is open 09:00-17:00'],
      [9, 30, 'starts on the hour'],
      [16, 30, 'starts on the hour'],
      [17, 0, 'After closing'],
    ] as const) {
      const error = await errorOf(testDrive(carol, car.id, at(TOMORROW, hour, minute)));
      expect(error.code).toBe('BAD_REQUEST');
      expect(fieldMessages(error).startAt?.[0]).toContain(why);
    }
    clock.now = at(TODAY, 12);
    const past = await errorOf(testDrive(carol, car.id, at(TODAY, 11)));
    expect(fieldMessages(past).startAt?.[0]).toContain('future');
    const last = await testDrive(carol, car.id, at(TOMORROW, 16));
    expect(last.endAt.toISOString()).toBe(at(TOMORROW, 17).toISOString());
    await carol.caller.bookings.cancel({ id: last.id });
  });

  it('a client names no other customer (403); staff book for anyone but must name them', async () => {
    const car = await stockCar();
    expect((await errorOf(testDrive(bob, car.id, at(TOMORROW, 10), { customerId: carol.id }))).code).toBe('FORBIDDEN');
    expect((await errorOf(testDrive(staff, car.id, at(TOMORROW, 10)))).code).toBe('BAD_REQUEST');
    const renter = await errorOf(
      bob.caller.bookings.create({ carId: car.id, kind: 'test_drive', startAt: at(TOMORROW, 10), renterName: 'X' }),
    );
    expect(fieldMessages(renter).renterName).toBeDefined();
    const forCarol = await testDrive(staff, car.id, at(TOMORROW, 10), { customerId: carol.id });
    expect(forCarol).toMatchObject({ customerId: carol.id, createdBy: staff.id, status: 'pending' });
    await staff.caller.bookings.cancel({ id: forCarol.id });
  });

  it('sold stock and garage cars take no test drives', async () => {
    const sold = await stockCar('sold');
    expect((await errorOf(testDrive(bob, sold.id, at(TOMORROW, 10)))).code).toBe('NOT_FOUND');
    const bySaff = await errorOf(testDrive(staff, sold.id, at(TOMORROW, 10), { customerId: bob.id }));
    expect([bySaff.code, bySaff.message]).toEqual(['CONFLICT', expect.stringContaining('sold')]);
    expect((await errorOf(testDrive(alice, aliceCar.id, at(TOMORROW, 10)))).code).toBe('BAD_REQUEST');
    expect((await errorOf(testDrive(bob, aliceCar.id, at(TOMORROW, 10)))).code).toBe('NOT_FOUND');
  });

  it('at most 3 active at once; a cancelled one makes room', async () => {
    const dave = await userWithRole(t.db, 'client', settings);
    const cars = await Promise.all([stockCar(), stockCar(), stockCar(), stockCar()]);
    const held: Booking[] = [];
    for (const car of cars.slice(0, 3)) held.push(await testDrive(dave, car.id, at(TOMORROW, 11)));
    const fourth = await errorOf(testDrive(dave, cars[3]?.id ?? '', at(TOMORROW, 11)));
    expect([fourth.code, fourth.message]).toEqual(['CONFLICT', expect.stringContaining('At most 3')]);
    await dave.caller.bookings.cancel({ id: held[0]?.id ?? '' });
    expect((await testDrive(dave, cars[3]?.id ?? '', at(TOMORROW, 11))).status).toBe('pending');
  });
});

describe('overlap', () => {
  it('back-to-back is allowed, a one-minute overlap is a 409 naming the clash, cancelling frees the time', async () => {
    const base = { carId: aliceVan.id, kind: 'rental' as const };
    const first = await alice.caller.bookings.create({
      ...base,
      startAt: at('2030-11-01', 8),
      endAt: at('2030-11-01', 10),
    });
    const next = await alice.caller.bookings.create({
      ...base,
      startAt: at('2030-11-01', 10),
      endAt: at('2030-11-01', 12),
    });
    const clash = await errorOf(
      alice.caller.bookings.create({ ...base, startAt: at('2030-11-01', 11, 59), endAt: at('2030-11-01', 14) }),
    );
    expect(clash.code).toBe('CONFLICT');
    expect(clash.message).toContain(next.startAt.toISOString());
    expect(clash.message).toContain(next.endAt.toISOString());
    await alice.caller.bookings.cancel({ id: next.id });
    const after = await alice.caller.bookings.create({
      ...base,
      startAt: at('2030-11-01', 11, 59),
      endAt: at('2030-11-01', 14),
    });
    expect(after.status).toBe('approved');
    expect(first.status).toBe('approved');
  });

  it('a rental over a test drive of the same car is refused; a declined test drive frees its slot', async () => {
    const car = await stockCar();
    const drive = await testDrive(bob, car.id, at(TOMORROW, 13));
    const rental = {
      carId: car.id,
      kind: 'rental' as const,
      customerId: carol.id,
      startDate: TOMORROW,
      endDate: TOMORROW,
    };
    expect((await errorOf(staff.caller.bookings.create(rental))).code).toBe('CONFLICT');
    const again = await errorOf(testDrive(carol, car.id, at(TOMORROW, 13)));
    expect(again.code).toBe('CONFLICT');
    await staff.caller.bookings.decline({ id: drive.id, reason: 'Car at the workshop' });
    expect((await testDrive(carol, car.id, at(TOMORROW, 13))).status).toBe('pending');
  });
});

describe('workflow', () => {
  it('staff approve, then complete only once it began; each step recorded and announced', async () => {
    const car = await stockCar();
    const booking = await testDrive(bob, car.id, at(TOMORROW, 14));
    expect((await errorOf(bob.caller.bookings.approve({ id: booking.id }))).code).toBe('FORBIDDEN');
    expect((await errorOf(carol.caller.bookings.approve({ id: booking.id }))).code).toBe('NOT_FOUND');
    const approved = await staff.caller.bookings.approve({ id: booking.id });
    expect([approved.status, approved.handledBy]).toEqual(['approved', staff.id]);
    const twice = await errorOf(staff.caller.bookings.approve({ id: booking.id }));
    expect([twice.code, twice.message]).toEqual(['CONFLICT', expect.stringContaining('approved')]);
    const early = await errorOf(admin.caller.bookings.complete({ id: booking.id }));
    expect([early.code, early.message]).toEqual(['CONFLICT', expect.stringContaining('before its start')]);
    clock.now = at(TOMORROW, 14, 5);
    const done = await admin.caller.bookings.complete({ id: booking.id });
    expect([done.status, done.handledBy]).toEqual(['completed', admin.id]);
    const cancelDone = await errorOf(bob.caller.bookings.cancel({ id: booking.id }));
    expect([cancelDone.code, cancelDone.message]).toEqual(['CONFLICT', expect.stringContaining('completed')]);
    // What the customer hears (the staff's booking.requested is tested in booking-notices).
    const events = (await bookingEvents(t.db, booking.id)).filter((e) => e.type !== 'booking.requested');
    expect(events.map((e) => e.type)).toEqual(['booking.created', 'booking.approved', 'booking.completed']);
    expect(events[0]?.recipients).toEqual([bob.id]);
    expect(events[0]?.payload).toMatchObject({
      bookingId: booking.id,
      carId: car.id,
      kind: 'test_drive',
      carLabel: '2022 Toyota Corolla',
      startAt: booking.startAt.toISOString(),
      endAt: booking.endAt.toISOString(),
    });
  });

  it('decline and no-show: only from their statuses, by staff, with the current status in a 409', async () => {
    const car = await stockCar();
    const a = await testDrive(carol, car.id, at(TOMORROW, 9));
    const b = await testDrive(carol, car.id, at(TOMORROW, 10));
    const pendingNoShow = await errorOf(staff.caller.bookings.noShow({ id: a.id }));
    expect(pendingNoShow.message).toContain('pending');
    const declined = await staff.caller.bookings.decline({ id: a.id, reason: 'Sold meanwhile' });
    expect([declined.status, declined.handledBy]).toEqual(['declined', staff.id]);
    expect((await bookingEvents(t.db, a.id)).at(-1)?.payload).toMatchObject({ reason: 'Sold meanwhile' });
    await staff.caller.bookings.approve({ id: b.id });
    expect((await errorOf(staff.caller.bookings.decline({ id: b.id }))).message).toContain('approved');
    expect((await errorOf(carol.caller.bookings.noShow({ id: b.id }))).code).toBe('FORBIDDEN');
    clock.now = at(TOMORROW, 10, 30);
    expect((await staff.caller.bookings.noShow({ id: b.id })).status).toBe('no_show');
    expect((await errorOf(staff.caller.bookings.complete({ id: b.id }))).message).toContain('no-show');
  });

  it('cancel: the customer their own, the owner their car’s rentals, staff on stock; nobody else', async () => {
    const car = await stockCar();
    const mine = await testDrive(bob, car.id, at(TOMORROW, 15));
    expect((await errorOf(carol.caller.bookings.cancel({ id: mine.id }))).code).toBe('NOT_FOUND');
    expect((await bob.caller.bookings.cancel({ id: mine.id, reason: 'Changed my mind' })).status).toBe('cancelled');
    const again = await errorOf(bob.caller.bookings.cancel({ id: mine.id }));
    expect([again.code, again.message]).toEqual(['CONFLICT', expect.stringContaining('cancelled')]);

    const staffs = await testDrive(bob, car.id, at(TOMORROW, 15));
    expect((await staff.caller.bookings.cancel({ id: staffs.id })).status).toBe('cancelled');

    // Alice records a rental for Bob (an admin does it for her: clients book only for themselves).
    const rental = await admin.caller.bookings.create({
      carId: aliceCar.id,
      kind: 'rental',
      customerId: bob.id,
      startDate: '2030-12-01',
      endDate: '2030-12-02',
    });
    expect((await errorOf(staff.caller.bookings.cancel({ id: rental.id }))).code).toBe('NOT_FOUND');
    expect((await bob.caller.bookings.get({ id: rental.id })).id).toBe(rental.id);
    expect((await alice.caller.bookings.cancel({ id: rental.id })).status).toBe('cancelled');
  });

  it('the owner completes their rentals; the customer of it may not', async () => {
    const rental = await admin.caller.bookings.create({
      carId: aliceVan.id,
      kind: 'rental',
      customerId: bob.id,
      startAt: at('2030-06-20', 9),
      endAt: at('2030-06-21', 9),
    });
    clock.now = at('2030-06-21', 10);
    expect((await errorOf(bob.caller.bookings.complete({ id: rental.id }))).code).toBe('FORBIDDEN');
    const done = await alice.caller.bookings.complete({ id: rental.id });
    expect([done.status, done.handledBy]).toEqual(['completed', alice.id]);
  });

  it('reschedule: a test drive moves, goes back to pending; a collision is a 409', async () => {
    const car = await stockCar();
    const other = await testDrive(carol, car.id, at(TOMORROW, 12));
    const booking = await testDrive(bob, car.id, at(TOMORROW, 9));
    await staff.caller.bookings.approve({ id: booking.id });
    const collide = await errorOf(bob.caller.bookings.reschedule({ id: booking.id, startAt: at(TOMORROW, 12) }));
    expect(collide.code).toBe('CONFLICT');
    const badHour = await errorOf(bob.caller.bookings.reschedule({ id: booking.id, startAt: at(TOMORROW, 12, 30) }));
    expect(badHour.code).toBe('BAD_REQUEST');
    const moved = await bob.caller.bookings.reschedule({ id: booking.id, startAt: at(TOMORROW, 13) });
    expect(moved).toMatchObject({ status: 'pending', handledBy: null });
    expect(moved.startAt.toISOString()).toBe(at(TOMORROW, 13).toISOString());
    const last = (await bookingEvents(t.db, booking.id)).filter((e) => e.type !== 'booking.requested').at(-1);
    expect(last?.type).toBe('booking.rescheduled');
    expect(last?.payload).toMatchObject({
      previousStartAt: at(TOMORROW, 9).toISOString(),
      startAt: at(TOMORROW, 13).toISOString(),
    });
    // The old hour is free again at once.
    expect((await testDrive(carol, car.id, at(TOMORROW, 9))).status).toBe('pending');
    expect((await errorOf(carol.caller.bookings.reschedule({ id: booking.id, startAt: at(TOMORROW, 14) }))).code).toBe(
      'NOT_FOUND',
    );
    const stockCarForOther = await stockCar();
    const moveCar = await errorOf(bob.caller.bookings.reschedule({ id: other.id, carId: stockCarForOther.id }));
    expect(moveCar.code).toBe('NOT_FOUND');
  });

  it('reschedule: a rental keeps its status and may move to another of the owner’s cars, not to stock', async () => {
    const rental = await alice.caller.bookings.create({
      carId: aliceCar.id,
      kind: 'rental',
      startDate: '2031-01-10',
      endDate: '2031-01-12',
    });
    const moved = await alice.caller.bookings.reschedule({ id: rental.id, carId: aliceVan.id });
    expect(moved).toMatchObject({
      carId: aliceVan.id,
      status: 'approved',
      startDate: '2031-01-10',
      endDate: '2031-01-12',
    });
    const later = await alice.caller.bookings.reschedule({
      id: rental.id,
      startDate: '2031-02-01',
      endDate: '2031-02-01',
    });
    expect([later.startDate, later.endDate]).toEqual(['2031-02-01', '2031-02-01']);
    const stock = await stockCar();
    expect((await errorOf(alice.caller.bookings.reschedule({ id: rental.id, carId: stock.id }))).code).toBe(
      'FORBIDDEN',
    );
    await alice.caller.bookings.cancel({ id: rental.id });
    const cancelled = await errorOf(
      alice.caller.bookings.reschedule({ id: rental.id, startDate: '2031-03-01', endDate: '2031-03-01' }),
    );
    expect([cancelled.code, cancelled.message]).toEqual(['CONFLICT', expect.stringContaining('cancelled')]);
  });
});

describe('visibility and lists', () => {
  let window: { car: { id: string }; drive: Booking; rental: Booking; garage: Booking };
  let erin: User;
  let frank: User;

  beforeAll(async () => {
    erin = await userWithRole(t.db, 'client', settings);
    frank = await userWithRole(t.db, 'client', settings);
    const car = await stockCar();
    const erinCar = await erin.caller.cars.create({ make: 'Fiat', model: 'Panda', year: 2012 });
    window = {
      car,
      // [10:00, 11:00) on 2031-04-01 (Berlin, CEST)
      drive: await testDrive(frank, car.id, at('2031-04-01', 10)),
      rental: await staff.caller.bookings.create({
        carId: car.id,
        kind: 'rental',
        customerId: erin.id,
        startDate: '2031-04-03',
        endDate: '2031-04-04',
      }),
      garage: await erin.caller.bookings.create({
        carId: erinCar.id,
        kind: 'rental',
        renterName: 'Gus',
        startAt: at('2031-04-02', 8),
        endAt: at('2031-04-02', 18),
      }),
    };
  });

  const ids = (page: { items: { id: string }[] }) => page.items.map((b) => b.id).sort();

  it('a client sees what they are customer of and their cars’ rentals; staff stock; admin all', async () => {
    const filter = { from: at('2031-04-01', 0), to: at('2031-04-05', 0) };
    expect(ids(await erin.caller.bookings.list(filter))).toEqual([window.rental.id, window.garage.id].sort());
    expect(ids(await frank.caller.bookings.list(filter))).toEqual([window.drive.id]);
    expect(ids(await staff.caller.bookings.list(filter))).toEqual([window.drive.id, window.rental.id].sort());
    expect(ids(await admin.caller.bookings.list(filter))).toEqual(
      [window.drive.id, window.rental.id, window.garage.id].sort(),
    );
    expect((await errorOf(staff.caller.bookings.get({ id: window.garage.id }))).code).toBe('NOT_FOUND');
    expect((await errorOf(frank.caller.bookings.get({ id: window.garage.id }))).code).toBe('NOT_FOUND');
    expect((await erin.caller.bookings.get({ id: window.garage.id })).renterName).toBe('Gus');
    expect((await admin.caller.bookings.get({ id: window.garage.id })).id).toBe(window.garage.id);
  });

  it('the list (visibility in SQL) and get (policy.canSeeBooking) agree for every viewer and booking', async () => {
    // The rule is spelled twice on purpose (the SQL is shaped for the index): this keeps them one.
    const filter = { from: at('2031-04-01', 0), to: at('2031-04-05', 0) };
    const bookings = [window.drive, window.rental, window.garage];
    for (const viewer of [erin, frank, staff, admin]) {
      const listed = new Set(ids(await viewer.caller.bookings.list(filter)));
      for (const booking of bookings) {
        const got = await viewer.caller.bookings.get({ id: booking.id }).then(
          () => true,
          (error: { code?: string }) => (error.code === 'NOT_FOUND' ? false : Promise.reject(error)),
        );
        expect({ viewer: viewer.id, booking: booking.id, listed: listed.has(booking.id) }).toEqual({
          viewer: viewer.id,
          booking: booking.id,
          listed: got,
        });
      }
    }
  });

  it('a car someone later owns does not show them its earlier test drives by others', async () => {
    // The stock row becomes erin's garage car (what a sale's copy would be, in place).
    await sql`update cars set owner_id = ${erin.id}, price = null, status = null where id = ${window.car.id}`.execute(
      t.db,
    );
    try {
      expect((await errorOf(erin.caller.bookings.get({ id: window.drive.id }))).code).toBe('NOT_FOUND');
      const seen = ids(await erin.caller.bookings.list({ carId: window.car.id }));
      expect(seen).toEqual([window.rental.id]); // her own rental, as its customer
    } finally {
      await sql`update cars set owner_id = null, price = 15000, status = 'available' where id = ${window.car.id}`.execute(
        t.db,
      );
    }
  });

  it('from/to select the bookings overlapping [from, to), exactly at the edges', async () => {
    const list = (from?: Date, to?: Date) =>
      admin.caller.bookings.list({ carId: window.car.id, from, to, kind: 'test_drive' });
    const start = at('2031-04-01', 10);
    const end = at('2031-04-01', 11);
    const minute = 60_000;
    expect(ids(await list(end))).toEqual([]); // ends exactly at `from`
    expect(ids(await list(new Date(end.getTime() - minute)))).toEqual([window.drive.id]);
    expect(ids(await list(undefined, start))).toEqual([]); // starts exactly at `to`
    expect(ids(await list(undefined, new Date(start.getTime() + minute)))).toEqual([window.drive.id]);
    expect(ids(await list(start, end))).toEqual([window.drive.id]);
    const backwards = await errorOf(admin.caller.bookings.list({ from: end, to: start }));
    expect(backwards.code).toBe('BAD_REQUEST');
  });

  it('filters by status, kind, car and customer, and pages with keyset cursors', async () => {
    expect(ids(await admin.caller.bookings.list({ customerId: erin.id }))).toEqual(
      [window.rental.id, window.garage.id].sort(),
    );
    expect(ids(await admin.caller.bookings.list({ customerId: erin.id, kind: 'rental', status: 'pending' }))).toEqual(
      [],
    );
    expect(ids(await staff.caller.bookings.list({ carId: window.car.id, status: 'approved' }))).toEqual([
      window.rental.id,
    ]);
    const all = await admin.caller.bookings.list({ limit: 100 });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<Caller['bookings']['list']>> = await admin.caller.bookings.list({
        limit: 3,
        cursor,
        sort: 'startAt',
      });
      seen.push(...page.items.map((b) => b.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(all.items.map((b) => b.id).sort());
    expect((await errorOf(admin.caller.bookings.list({ cursor: all.nextCursor ?? 'x', sort: 'createdAt' }))).code).toBe(
      'BAD_REQUEST',
    );
  });
});

describe('history', () => {
  it('stock with bookings is kept as removed; a deleted customer leaves the name behind', async () => {
    const car = await stockCar();
    const ghost = await userWithRole(t.db, 'client', settings);
    const booking = await testDrive(ghost, car.id, at(TOMORROW, 16));
    expect(await staff.caller.inventory.remove({ id: car.id })).toEqual({ id: car.id, outcome: 'removed' });
    const empty = await stockCar();
    expect(await staff.caller.inventory.remove({ id: empty.id })).toEqual({ id: empty.id, outcome: 'deleted' });
    await t.db.deleteFrom('users').where('id', '=', ghost.id).execute();
    const kept = await admin.caller.bookings.get({ id: booking.id });
    expect(kept).toMatchObject({ customerId: null, customerName: 'Test User' });
  });
});

describe('notifications', () => {
  it('the outbox worker turns booking events into the customer’s in-app notifications', async () => {
    const hank = await userWithRole(t.db, 'client', settings);
    const car = await stockCar();
    const booking = await testDrive(hank, car.id, at(TOMORROW, 12));
    await staff.caller.bookings.decline({ id: booking.id, reason: 'Out for service' });
    await drain(testWorker(t.db));
    const inbox = await hank.caller.notifications.list({});
    expect(inbox.items.map((n) => n.type).sort()).toEqual(['booking.created', 'booking.declined']);
    expect(inbox.items.find((n) => n.type === 'booking.declined')?.body).toContain('Out for service');
  });
});
