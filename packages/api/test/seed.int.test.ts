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
  expect(await seedDemoData(t.db)).toEqual({ usersCreated: 5, carsCreated: 53, photosCreated: 0, bookingsCreated: 10 });
  expect(await seedDemoData(t.db)).toEqual({ usersCreated: 0, carsCreated: 0, photosCreated: 0, bookingsCreated: 0 });

  const anonymous = await callerFor(t.db);
  const { token } = await anonymous.auth.login({ identifier: 'alice', password: DEMO_PASSWORD });
  const alice = await callerFor(t.db, { token });
  expect((await alice.cars.list({})).items.map((c) => c.model).sort()).toEqual(['Accord', 'Golf']);

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

it('with a storage, gives the demo garage cars and some stock a photo each, once', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'carhub-seed-'));
  try {
    const storage = new LocalStorage({
      dir,
      urlSecret: 'seed-test-secret-of-32-characters-or-more',
      urlTtlSeconds: 600,
    });
    expect(await seedDemoData(t.db, { storage })).toEqual({
      usersCreated: 0,
      carsCreated: 0,
      photosCreated: 11,
      bookingsCreated: 0,
    });
    expect(await seedDemoData(t.db, { storage })).toEqual({
      usersCreated: 0,
      carsCreated: 0,
      photosCreated: 0,
      bookingsCreated: 0,
    });
    // A main image and a thumbnail per photo.
    const stored = (await readdir(join(dir, 'cars'), { recursive: true })).filter((f) => f.endsWith('.webp'));
    expect(stored).toHaveLength(22);

    const anonymous = await callerFor(t.db, { storage });
    const { token } = await anonymous.auth.login({ identifier: 'alice', password: DEMO_PASSWORD });
    const alice = await callerFor(t.db, { token, storage });
    for (const car of (await alice.cars.list({})).items) {
      expect(car.imageUrl).toMatch(/^\/media\/cars\//);
      expect(car.photos).toEqual([expect.objectContaining({ isPrimary: true, position: 0, url: car.imageUrl })]);
    }
    const catalogue = await anonymous.inventory.list({ limit: 100 });
    expect(catalogue.items.filter((c) => c.imageUrl !== null)).toHaveLength(8);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
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
