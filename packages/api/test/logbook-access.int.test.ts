import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { showroom, stockFields } from './booking-helpers';
import { errorOf } from './car-helpers';
import { userWithRole } from './helpers';

let t: TestDatabase;
const { settings } = showroom('UTC', new Date('2026-06-15T10:00:00Z'));
type User = Awaited<ReturnType<typeof userWithRole>>;
type Caller = User['caller'];
let owner: User;
let stranger: User;
let staff: User;
let admin: User;
let garageCarId: string;
let stockCarId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  owner = await userWithRole(t.db, 'client', settings);
  stranger = await userWithRole(t.db, 'client', settings);
  staff = await userWithRole(t.db, 'staff', settings);
  admin = await userWithRole(t.db, 'admin', settings);
  garageCarId = (await owner.caller.cars.create({ make: 'Honda', model: 'Jazz', year: 2017 })).id;
  stockCarId = (await staff.caller.inventory.create({ make: 'Seat', model: 'Leon', year: 2022, ...stockFields })).id;
});
afterAll(async () => {
  await t.destroy();
});

const someId = '00000000-0000-4000-8000-000000000000';

/** Every logbook procedure, called on one car (entry ids that exist nowhere: the car is judged first). */
const routes: [string, (caller: Caller, id: string) => Promise<unknown>][] = [
  ['odometer.list', (c, id) => c.cars.odometer.list({ id })],
  ['odometer.add', (c, id) => c.cars.odometer.add({ id, at: '2026-01-01', km: 1 })],
  ['odometer.remove', (c, id) => c.cars.odometer.remove({ id, entryId: someId })],
  ['fuel.list', (c, id) => c.cars.fuel.list({ id })],
  ['fuel.add', (c, id) => c.cars.fuel.add({ id, at: '2026-01-01', odometerKm: 1, liters: '1', totalCost: '1' })],
  ['fuel.update', (c, id) => c.cars.fuel.update({ id, entryId: someId, notes: 'x' })],
  ['fuel.remove', (c, id) => c.cars.fuel.remove({ id, entryId: someId })],
  ['fuel.stats', (c, id) => c.cars.fuel.stats({ id })],
  ['services.list', (c, id) => c.cars.services.list({ id })],
  ['services.add', (c, id) => c.cars.services.add({ id, at: '2026-01-01', title: 'x' })],
  ['services.update', (c, id) => c.cars.services.update({ id, entryId: someId, title: 'y' })],
  ['services.remove', (c, id) => c.cars.services.remove({ id, entryId: someId })],
  [
    'services.attachments.remove',
    (c, id) => c.cars.services.attachments.remove({ id, entryId: someId, attachmentId: someId }),
  ],
  ['reminders.list', (c, id) => c.cars.reminders.list({ id })],
  ['reminders.create', (c, id) => c.cars.reminders.create({ id, title: 'x', dueKm: 1 })],
  ['reminders.update', (c, id) => c.cars.reminders.update({ id, reminderId: someId, title: 'y' })],
  ['reminders.remove', (c, id) => c.cars.reminders.remove({ id, reminderId: someId })],
  ['reminders.complete', (c, id) => c.cars.reminders.complete({ id, reminderId: someId })],
  ['costs', (c, id) => c.cars.costs({ id })],
];
const reads = new Set(['odometer.list', 'fuel.list', 'fuel.stats', 'services.list', 'reminders.list', 'costs']);

describe('who may keep a car’s logbook', () => {
  it.each(routes)(
    '%s: another client’s and staff on a garage car get 404; owner and admin get in',
    async (name, call) => {
      for (const outsider of [stranger, staff])
        expect((await errorOf(call(outsider.caller, garageCarId))).code).toBe('NOT_FOUND');
      expect((await errorOf(call(owner.caller, someId))).code).toBe('NOT_FOUND');
      for (const insider of [owner, admin]) {
        const outcome = await call(insider.caller, garageCarId).then(
          () => 'ok',
          (e: { code?: string }) => e.code,
        );
        // Reads and adds succeed; a change to an entry that doesn't exist is that entry's 404.
        expect(outcome).toBe(reads.has(name) || /\.(add|create)$/.test(name) ? 'ok' : 'NOT_FOUND');
        if (outcome === 'NOT_FOUND')
          expect((await errorOf(call(insider.caller, garageCarId))).message).not.toBe('No such car.');
      }
    },
  );

  it.each(routes)('%s: staff and admin keep stock; a client may not (403)', async (name, call) => {
    expect((await errorOf(call(owner.caller, stockCarId))).code).toBe('FORBIDDEN');
    for (const insider of [staff, admin]) {
      const outcome = await call(insider.caller, stockCarId).then(
        () => 'ok',
        (e: { code?: string }) => e.code,
      );
      expect(outcome).toBe(reads.has(name) || /\.(add|create)$/.test(name) ? 'ok' : 'NOT_FOUND');
    }
  });
});

describe('cars.costs', () => {
  it('totals fuel and service per month and per km, exact to the cent', async () => {
    const car = await owner.caller.cars.create({ make: 'Kia', model: 'Ceed', year: 2019 });
    const id = car.id;
    await owner.caller.cars.odometer.add({ id, at: '2025-12-20', km: 9_000 });
    await owner.caller.cars.fuel.add({ id, at: '2026-01-05', odometerKm: 10_000, liters: '40', totalCost: '60.10' });
    await owner.caller.cars.fuel.add({ id, at: '2026-01-25', odometerKm: 10_600, liters: '38.5', totalCost: '57.75' });
    await owner.caller.cars.services.add({ id, at: '2026-01-30', title: 'Oil', cost: '89.99' });
    await owner.caller.cars.fuel.add({ id, at: '2026-02-10', odometerKm: 11_000, liters: '25', totalCost: '0.20' });
    await owner.caller.cars.services.add({ id, at: '2026-02-11', odometerKm: 11_050, title: 'Wipers', cost: '0.10' });
    // No cost known: counted, adds nothing.
    await owner.caller.cars.services.add({ id, at: '2026-02-12', title: 'Check' });

    const all = await owner.caller.cars.costs({ id });
    expect(all).toEqual({
      from: null,
      to: null,
      fuel: { total: '118.05', count: 3 },
      service: { total: '90.09', count: 3 },
      total: '208.14',
      distanceKm: 2_050,
      costPerKm: '0.102',
      months: [
        { month: '2026-01', fuel: '117.85', service: '89.99', total: '207.84' },
        { month: '2026-02', fuel: '0.20', service: '0.10', total: '0.30' },
      ],
    });
    // February alone: driven from the last reading before it (10,600) to 11,050.
    const february = await owner.caller.cars.costs({ id, from: '2026-02-01', to: '2026-03-01' });
    expect(february).toMatchObject({ total: '0.30', distanceKm: 450, costPerKm: '0.001' });
    expect(february.months.map((m) => m.month)).toEqual(['2026-02']);
    const empty = await owner.caller.cars.costs({ id, from: '2027-01-01' });
    expect(empty).toMatchObject({ total: '0.00', distanceKm: 0, costPerKm: null, months: [] });
  });
});
