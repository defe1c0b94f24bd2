import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemoData } from '../src/seed/demo';
import { demoStockCars } from '../src/seed/demo-cars';
import { LocalStorage } from '../src/storage/local-storage';
import { callerFor } from './helpers';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

it('loads demo garages and ~50 stock cars, the same every time, and is safe to run twice', async () => {
  expect(demoStockCars()).toEqual(demoStockCars());
  expect(await seedDemoData(t.db)).toEqual({
    usersCreated: 5,
    carsCreated: 53,
    photosCreated: 0,
    bookingsCreated: 10,
    salesCreated: 4,
    logbooksCreated: 2,
  });
  expect(await seedDemoData(t.db)).toEqual({
    usersCreated: 0,
    carsCreated: 0,
    photosCreated: 0,
    bookingsCreated: 0,
    salesCreated: 0,
    logbooksCreated: 0,
  });

  const anonymous = await callerFor(t.db);
  const { token } = await anonymous.auth.login({ identifier: 'alice', password: DEMO_PASSWORD });
  const alice = await callerFor(t.db, { token });
  // Her own two, and the two cars she bought.
  const garage = (await alice.cars.list({})).items;
  expect(garage).toHaveLength(4);
  expect(garage.map((c) => c.model)).toEqual(expect.arrayContaining(['Accord', 'Golf']));

  const catalogue = await anonymous.inventory.list({ limit: 100 });
  expect(catalogue.items.length).toBeGreaterThan(40);
  expect(new Set(catalogue.items.map((c) => c.make)).size).toBeGreaterThan(5);
  expect(new Set(catalogue.items.map((c) => c.bodyType)).size).toBeGreaterThan(5);
  expect(new Set(catalogue.items.map((c) => c.fuelType)).size).toBeGreaterThan(4);

  // Bookings in every status, and none of the active ones clash (the constraint would have refused).
  const statuses = await t.db.selectFrom('bookings').select('status').distinct().execute();
  expect(statuses.map((s) => s.status).sort()).toEqual(
    ['approved', 'cancelled', 'completed', 'declined', 'no_show', 'pending'].sort(),
  );
  const mine = await alice.bookings.list({ limit: 100 });
  expect(mine.items.length).toBeGreaterThan(3);
});

// Two whole seeds with photos each: slow on a loaded machine, so a longer timeout.
it('with a storage, gives the demo cars a photo each, once, and the sold ones’ copies their photos', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'carhub-seed-'));
  // As the server does on a new embedded database: everything at once, storage included.
  const fresh = await createTestDatabase();
  try {
    const storage = new LocalStorage({
      dir,
      urlSecret: 'seed-test-secret-of-32-characters-or-more',
      urlTtlSeconds: 600,
    });
    expect(await seedDemoData(fresh.db, { storage })).toEqual({
      usersCreated: 5,
      carsCreated: 53,
      photosCreated: 11,
      bookingsCreated: 10,
      salesCreated: 4,
      logbooksCreated: 2,
    });
    expect(await seedDemoData(fresh.db, { storage })).toEqual({
      usersCreated: 0,
      carsCreated: 0,
      photosCreated: 0,
      bookingsCreated: 0,
      salesCreated: 0,
      logbooksCreated: 0,
    });
    // A main image and a thumbnail per photo row, copies included, and nothing else.
    const rows = await fresh.db.selectFrom('carPhotos').select(['objectKey', 'thumbnailKey']).execute();
    expect(rows.length).toBeGreaterThan(11);
    const stored = (await readdir(join(dir, 'cars'), { recursive: true })).filter((f) => f.endsWith('.webp'));
    expect(stored.map((f) => `cars/${f}`).sort()).toEqual(rows.flatMap((r) => [r.objectKey, r.thumbnailKey]).sort());

    const anonymous = await callerFor(fresh.db, { storage });
    const { token } = await anonymous.auth.login({ identifier: 'alice', password: DEMO_PASSWORD });
    const alice = await callerFor(fresh.db, { token, storage });
    const garage = (await alice.cars.list({})).items;
    for (const car of garage.filter((c) => ['Golf', 'Accord'].includes(c.model))) {
      expect(car.imageUrl).toMatch(/^\/media\/cars\//);
      expect(car.photos).toEqual([expect.objectContaining({ isPrimary: true, position: 0, url: car.imageUrl })]);
    }
    const bought = await fresh.db
      .selectFrom('sales')
      .select('garageCarId')
      .where('customerId', 'is not', null)
      .execute();
    const boughtIds = new Set(bought.map((sale) => sale.garageCarId));
    expect(garage.filter((car) => boughtIds.has(car.id))).toHaveLength(2);
    // The three sold from the start of the catalogue had photos; their copies have them too.
    const withPhotos = await fresh.db
      .selectFrom('carPhotos')
      .select('carId')
      .distinct()
      .where(
        'carId',
        'in',
        [...boughtIds].filter((id): id is string => id !== null),
      )
      .execute();
    expect(withPhotos.length).toBeGreaterThanOrEqual(3);
    const catalogue = await anonymous.inventory.list({ limit: 100 });
    expect(catalogue.items.filter((c) => c.imageUrl !== null).length).toBeGreaterThan(3);
  } finally {
    await fresh.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}, 90_000);

it('sells a handful of cars by both salespeople; sam converted alice’s test drive', async () => {
  const anonymous = await callerFor(t.db);
  const { token } = await anonymous.auth.login({ identifier: 'admin', password: DEMO_PASSWORD });
  const admin = await callerFor(t.db, { token });
  const sales = (await admin.sales.list({})).items;
  expect(sales).toHaveLength(4);
  const sellers = await t.db.selectFrom('users').select(['id', 'username']).where('role', '=', 'staff').execute();
  const byName = Object.fromEntries(sellers.map((u) => [u.username, u.id]));
  expect(sales.filter((sale) => sale.staffId === byName.sam)).toHaveLength(2);
  expect(sales.filter((sale) => sale.staffId === byName.tina)).toHaveLength(2);
  for (const sale of sales) expect(sale.soldAt.getTime()).toBeLessThan(Date.now());
  const sam = await admin.staff.metrics({ id: byName.sam ?? '' });
  expect(sam).toMatchObject({ salesCount: 2, testDrives: { completed: 1 }, conversion: 1 });
  expect(Number(sam.commission)).toBeGreaterThan(0);
});

it('has two salespeople with their commission rates', async () => {
  const anonymous = await callerFor(t.db);
  const { token } = await anonymous.auth.login({ identifier: 'admin', password: DEMO_PASSWORD });
  const admin = await callerFor(t.db, { token });
  const staff = await admin.staff.list({ role: 'staff' });
  expect(staff.items.map((u) => [u.username, u.commissionRate]).sort()).toEqual([
    ['sam', '5.00'],
    ['tina', '7.50'],
  ]);
});

it('books and sells only demo stock: real cars in the catalogue stay untouched', async () => {
  const fresh = await createTestDatabase();
  try {
    // Sorted first by VIN, where the demo bookings and sales pick their stock from.
    const real = await fresh.db
      .insertInto('cars')
      .values(
        ['1AAAAAAAAAAAAAAA1', '1AAAAAAAAAAAAAAA2', '1AAAAAAAAAAAAAAA3', '1AAAAAAAAAAAAAAA4'].map((vin) => ({
          make: 'Real',
          model: 'Stock',
          year: 2020,
          vin,
          fuelType: 'petrol' as const,
          bodyType: 'sedan' as const,
          transmission: 'manual' as const,
          price: '10000',
          status: 'available' as const,
        })),
      )
      .returning('id')
      .execute();
    const report = await seedDemoData(fresh.db);
    expect(report).toMatchObject({ bookingsCreated: 10, salesCreated: 4 });
    const ids = real.map((car) => car.id);
    const cars = await fresh.db.selectFrom('cars').select('status').where('id', 'in', ids).execute();
    expect(cars.map((car) => car.status)).toEqual(['available', 'available', 'available', 'available']);
    expect(await fresh.db.selectFrom('sales').select('id').where('carId', 'in', ids).execute()).toEqual([]);
    expect(await fresh.db.selectFrom('bookings').select('id').where('carId', 'in', ids).execute()).toEqual([]);
  } finally {
    await fresh.destroy();
  }
}, 90_000);

it('gives alice’s own cars a two-year logbook with a due reminder', async () => {
  const anonymous = await callerFor(t.db);
  const { token } = await anonymous.auth.login({ identifier: 'alice', password: DEMO_PASSWORD });
  const alice = await callerFor(t.db, { token });
  const golf = (await alice.cars.list({})).items.find((c) => c.licensePlate === 'B-AL 2018');
  if (!golf) throw new Error('no demo Golf');
  // The logbook ends at the car's mileage.
  expect(golf.mileage).toBe(74_200);
  const readings = (await alice.cars.odometer.list({ id: golf.id, sort: 'at', limit: 100 })).items;
  const first = readings[0]?.at ?? '';
  const last = readings.at(-1)?.at ?? '';
  expect(Date.parse(last) - Date.parse(first)).toBeGreaterThan(700 * 24 * 3600 * 1000);
  const stats = await alice.cars.fuel.stats({ id: golf.id });
  expect(stats.fillUps).toBe(52);
  expect(Number(stats.litersPer100Km)).toBeGreaterThan(4);
  expect((await alice.cars.services.list({ id: golf.id })).items).toHaveLength(4);
  const reminders = (await alice.cars.reminders.list({ id: golf.id })).items;
  expect(reminders.map((r) => [r.title, r.status]).sort()).toEqual([
    ['Oil change', 'due'],
    ['Vehicle inspection', 'upcoming'],
  ]);
});
