import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { showroom, stockFields } from './booking-helpers';
import { errorOf, fieldMessages } from './car-helpers';
import { userWithRole } from './helpers';

let t: TestDatabase;
const { settings } = showroom('UTC', new Date('2026-06-15T10:00:00Z'));
type User = Awaited<ReturnType<typeof userWithRole>>;
let owner: User;
let staff: User;

beforeAll(async () => {
  t = await createTestDatabase();
  owner = await userWithRole(t.db, 'client', settings);
  staff = await userWithRole(t.db, 'staff', settings);
});
afterAll(async () => {
  await t.destroy();
});

const newCar = () => owner.caller.cars.create({ make: 'Skoda', model: 'Octavia', year: 2019 });

describe('odometer readings', () => {
  it('keeps readings in order and names the neighbour of one out of order', async () => {
    const car = await newCar();
    await owner.caller.cars.odometer.add({ id: car.id, at: '2026-01-10', km: 10_000 });
    await owner.caller.cars.odometer.add({ id: car.id, at: '2026-03-10', km: 12_000 });
    await owner.caller.cars.odometer.add({ id: car.id, at: '2026-02-10', km: 11_000, note: 'tyres' });
    // Equal to a neighbour is fine; the same date is not ordered.
    await owner.caller.cars.odometer.add({ id: car.id, at: '2026-02-11', km: 11_000 });

    const lower = await errorOf(owner.caller.cars.odometer.add({ id: car.id, at: '2026-02-20', km: 10_999 }));
    expect(lower.code).toBe('BAD_REQUEST');
    expect(lower.message).toBe(
      "The odometer read 11,000 km on 2026-02-11: a reading of 10,999 km on 2026-02-20 can't be lower.",
    );
    expect(fieldMessages(lower).km).toEqual([lower.message]);
    const higher = await errorOf(owner.caller.cars.odometer.add({ id: car.id, at: '2026-02-20', km: 12_001 }));
    expect(higher.message).toContain('read 12,000 km on 2026-03-10');

    const future = await errorOf(owner.caller.cars.odometer.add({ id: car.id, at: '2026-06-16', km: 13_000 }));
    expect(future.message).toBe("at can't be in the future (today is 2026-06-15).");
    const badDate = await errorOf(owner.caller.cars.odometer.add({ id: car.id, at: '2026-02-30', km: 1 }));
    expect(fieldMessages(badDate).at?.[0]).toMatch(/must be a date/);

    const page = await owner.caller.cars.odometer.list({ id: car.id });
    expect(page.items.map((r) => [r.at, r.km])).toEqual([
      ['2026-03-10', 12_000],
      ['2026-02-11', 11_000],
      ['2026-02-10', 11_000],
      ['2026-01-10', 10_000],
    ]);
    expect(page.items.find((r) => r.at === '2026-02-10')).toMatchObject({ note: 'tyres', source: 'manual' });
    const february = await owner.caller.cars.odometer.list({
      id: car.id,
      from: '2026-02-01',
      to: '2026-03-01',
      sort: 'at',
    });
    expect(february.items.map((r) => r.at)).toEqual(['2026-02-10', '2026-02-11']);
  });

  it('makes the car’s mileage its latest reading, through add, remove and cars.update', async () => {
    const car = await newCar();
    expect(car.mileage).toBe(0);
    const first = await owner.caller.cars.odometer.add({ id: car.id, at: '2026-01-01', km: 5_000 });
    expect((await owner.caller.cars.get({ id: car.id })).mileage).toBe(5_000);
    // An older reading does not move the mileage back.
    await owner.caller.cars.odometer.add({ id: car.id, at: '2025-06-01', km: 1_000 });
    expect((await owner.caller.cars.get({ id: car.id })).mileage).toBe(5_000);
    const latest = await owner.caller.cars.odometer.add({ id: car.id, at: '2026-05-01', km: 7_500 });
    expect((await owner.caller.cars.get({ id: car.id })).mileage).toBe(7_500);
    expect(await owner.caller.cars.odometer.remove({ id: car.id, entryId: latest.id })).toEqual({
      id: latest.id,
      mileage: 5_000,
    });

    // cars.update of mileage adds a reading of today: the old value stays in the history.
    const updated = await owner.caller.cars.update({ id: car.id, mileage: 8_000 });
    expect(updated.mileage).toBe(8_000);
    const readings = (await owner.caller.cars.odometer.list({ id: car.id })).items;
    expect(readings[0]).toMatchObject({ km: 8_000, source: 'car' });
    expect(readings.map((r) => r.km)).toContain(first.km);
    // A mileage below the history is refused like any reading out of order.
    const refused = await errorOf(owner.caller.cars.update({ id: car.id, mileage: 4_000 }));
    expect(refused.code).toBe('BAD_REQUEST');
    expect(fieldMessages(refused).mileage?.[0]).toMatch(/read 5,000 km on 2026-01-01/);
    expect((await owner.caller.cars.get({ id: car.id })).mileage).toBe(8_000);
  });

  it('gives a new car with a mileage its first reading, garage and stock alike', async () => {
    const garage = await owner.caller.cars.create({ make: 'Fiat', model: 'Panda', year: 2015, mileage: 61_000 });
    expect((await owner.caller.cars.odometer.list({ id: garage.id })).items).toMatchObject([
      { km: 61_000, source: 'car' },
    ]);
    const stock = await staff.caller.inventory.create({
      make: 'Audi',
      model: 'A3',
      year: 2020,
      mileage: 30_000,
      ...stockFields,
    });
    await staff.caller.cars.odometer.add({ id: stock.id, at: '2026-06-15', km: 30_500 });
    expect((await staff.caller.inventory.get({ id: stock.id })).mileage).toBe(30_500);
    const changed = await staff.caller.inventory.update({ id: stock.id, mileage: 31_000 });
    expect(changed.mileage).toBe(31_000);
    const kms = (await staff.caller.cars.odometer.list({ id: stock.id })).items.map((r) => r.km);
    expect(kms.sort()).toEqual([30_000, 30_500, 31_000]);
  });

  it('answers a missing reading as not found', async () => {
    const car = await newCar();
    const missing = await errorOf(
      owner.caller.cars.odometer.remove({ id: car.id, entryId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(missing.code).toBe('NOT_FOUND');
  });
});
