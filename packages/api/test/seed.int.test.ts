import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemoData } from '../src/seed/demo';
import { demoStockCars } from '../src/seed/demo-cars';
import { callerFor } from './helpers';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

it('loads demo garages and ~50 stock cars, the same every time, and is safe to run twice', async () => {
  expect(demoStockCars()).toEqual(demoStockCars());
  expect(await seedDemoData(t.db)).toEqual({ usersCreated: 4, carsCreated: 53, bookingsCreated: 10 });
  expect(await seedDemoData(t.db)).toEqual({ usersCreated: 0, carsCreated: 0, bookingsCreated: 0 });

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
