import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { showroom } from './booking-helpers';
import { errorOf, fieldMessages } from './car-helpers';
import { userWithRole } from './helpers';

let t: TestDatabase;
const { settings } = showroom('UTC', new Date('2026-06-15T10:00:00Z'));
type User = Awaited<ReturnType<typeof userWithRole>>;
let owner: User;

beforeAll(async () => {
  t = await createTestDatabase();
  owner = await userWithRole(t.db, 'client', settings);
});
afterAll(async () => {
  await t.destroy();
});

const newCar = () => owner.caller.cars.create({ make: 'Skoda', model: 'Octavia', year: 2019 });

describe('fill-ups', () => {
  it('computes consumption between full fills with partial and missed fills, to the cent', async () => {
    const car = await newCar();
    const add = (at: string, odometerKm: number, liters: string, totalCost: string, more = {}) =>
      owner.caller.cars.fuel.add({ id: car.id, at, odometerKm, liters, totalCost, ...more });
    // The same sequence the unit test works by hand (consumption.test.ts).
    await add('2026-01-01', 10_000, '40', '60');
    await add('2026-01-08', 10_300, '20.000', '31.1', { fullTank: false, station: 'Shell' });
    await add('2026-01-15', 10_600, '25.5', '39.99');
    await add('2026-01-29', 11_500, '30.000', '45.00', { missedPrevious: true });
    const last = await add('2026-02-05', 12_000, '35.123', '52.69', { notes: 'motorway' });
    expect(last).toMatchObject({ liters: '35.123', totalCost: '52.69', fullTank: true, missedPrevious: false });

    const stats = await owner.caller.cars.fuel.stats({ id: car.id });
    expect(stats).toMatchObject({
      from: null,
      to: null,
      fillUps: 5,
      totalLiters: '150.623',
      totalCost: '228.78',
      measuredDistanceKm: 1_100,
      measuredLiters: '80.623',
      litersPer100Km: '7.33',
      kmPerLiter: '13.64',
      costPerKm: '0.113',
    });
    expect(stats.segments.map((s) => [s.fromKm, s.toKm, s.liters, s.litersPer100Km, s.kmPerLiter, s.cost])).toEqual([
      [10_000, 10_600, '45.500', '7.58', '13.19', '71.09'],
      [11_500, 12_000, '35.123', '7.02', '14.24', '52.69'],
    ]);
    const february = await owner.caller.cars.fuel.stats({ id: car.id, from: '2026-02-01', to: '2026-03-01' });
    expect(february).toMatchObject({ fillUps: 1, totalCost: '52.69', measuredDistanceKm: 500, litersPer100Km: '7.02' });

    // Money that floats would get wrong: 0.10 + 0.20 + 0.30.
    const small = await newCar();
    for (const [i, cost] of ['0.10', '0.20', '0.30'].entries()) {
      await owner.caller.cars.fuel.add({
        id: small.id,
        at: '2026-03-0' + (i + 1),
        odometerKm: 100 * (i + 1),
        liters: '1.001',
        totalCost: cost,
      });
    }
    expect(await owner.caller.cars.fuel.stats({ id: small.id })).toMatchObject({
      totalCost: '0.60',
      totalLiters: '3.003',
    });
  });

  it('adds, moves and removes the odometer reading of a fill-up', async () => {
    const car = await newCar();
    await owner.caller.cars.odometer.add({ id: car.id, at: '2026-02-01', km: 20_000 });
    const entry = await owner.caller.cars.fuel.add({
      id: car.id,
      at: '2026-03-01',
      odometerKm: 20_500,
      liters: '40',
      totalCost: '70',
    });
    expect((await owner.caller.cars.get({ id: car.id })).mileage).toBe(20_500);
    const readings = async () => (await owner.caller.cars.odometer.list({ id: car.id, sort: 'at' })).items;
    expect((await readings()).map((r) => [r.at, r.km, r.source])).toEqual([
      ['2026-02-01', 20_000, 'manual'],
      ['2026-03-01', 20_500, 'fuel'],
    ]);
    // Its reading belongs to the fill-up.
    const fuelReading = (await readings())[1];
    const owned = await errorOf(owner.caller.cars.odometer.remove({ id: car.id, entryId: fuelReading?.id ?? '' }));
    expect(owned.code).toBe('CONFLICT');

    const outOfOrder = await errorOf(
      owner.caller.cars.fuel.add({ id: car.id, at: '2026-03-02', odometerKm: 19_000, liters: '1', totalCost: '1' }),
    );
    expect(outOfOrder.code).toBe('BAD_REQUEST');
    expect(fieldMessages(outOfOrder).odometerKm?.[0]).toContain('read 20,500 km on 2026-03-01');

    const moved = await owner.caller.cars.fuel.update({
      id: car.id,
      entryId: entry.id,
      odometerKm: 20_800,
      totalCost: '71.5',
    });
    expect(moved).toMatchObject({ odometerKm: 20_800, totalCost: '71.50', liters: '40.000' });
    expect((await readings()).map((r) => r.km)).toEqual([20_000, 20_800]);
    expect((await owner.caller.cars.get({ id: car.id })).mileage).toBe(20_800);
    const badMove = await errorOf(owner.caller.cars.fuel.update({ id: car.id, entryId: entry.id, odometerKm: 19_999 }));
    expect(badMove.code).toBe('BAD_REQUEST');

    await owner.caller.cars.fuel.remove({ id: car.id, entryId: entry.id });
    expect((await readings()).map((r) => r.km)).toEqual([20_000]);
    expect((await owner.caller.cars.get({ id: car.id })).mileage).toBe(20_000);
    expect((await errorOf(owner.caller.cars.fuel.remove({ id: car.id, entryId: entry.id }))).code).toBe('NOT_FOUND');
  });

  it('refuses bad amounts with a message per field', async () => {
    const car = await newCar();
    const base = { id: car.id, at: '2026-01-01', odometerKm: 1 };
    for (const [field, input] of [
      ['liters', { ...base, liters: '0', totalCost: '1' }],
      ['liters', { ...base, liters: '1.2345', totalCost: '1' }],
      ['totalCost', { ...base, liters: '1', totalCost: '1.005' }],
      ['totalCost', { ...base, liters: '1', totalCost: '-3' }],
    ] as const) {
      const error = await errorOf(owner.caller.cars.fuel.add(input));
      expect(error.code).toBe('BAD_REQUEST');
      expect(Object.keys(fieldMessages(error))).toEqual([field]);
    }
  });

  it('pages fill-ups with a keyset cursor', async () => {
    const car = await newCar();
    for (let week = 0; week < 7; week += 1) {
      const at = new Date(Date.UTC(2026, 0, 1 + week * 7)).toISOString().slice(0, 10);
      await owner.caller.cars.fuel.add({
        id: car.id,
        at,
        odometerKm: 1_000 + week * 500,
        liters: '30',
        totalCost: '50',
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { at: string }[]; nextCursor: string | null } = await owner.caller.cars.fuel.list({
        id: car.id,
        limit: 3,
        cursor,
      });
      seen.push(...page.items.map((e) => e.at));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect([...seen].sort().reverse()).toEqual(seen);
  });
});
