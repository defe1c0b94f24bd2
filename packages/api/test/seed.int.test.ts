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
  expect(await seedDemoData(t.db)).toEqual({ usersCreated: 5, carsCreated: 53 });
  expect(await seedDemoData(t.db)).toEqual({ usersCreated: 0, carsCreated: 0 });

  const anonymous = await callerFor(t.db);
  const { token } = await anonymous.auth.login({ identifier: 'alice', password: DEMO_PASSWORD });
  const alice = await callerFor(t.db, { token });
  expect((await alice.cars.list({})).items.map((c) => c.model).sort()).toEqual(['Accord', 'Golf']);

  const catalogue = await anonymous.inventory.list({ limit: 100 });
  expect(catalogue.items.length).toBeGreaterThan(40);
  expect(new Set(catalogue.items.map((c) => c.make)).size).toBeGreaterThan(5);
  expect(new Set(catalogue.items.map((c) => c.bodyType)).size).toBeGreaterThan(5);
  expect(new Set(catalogue.items.map((c) => c.fuelType)).size).toBeGreaterThan(4);
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
