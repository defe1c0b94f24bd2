import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callerFor, userWithRole } from './helpers';

/** A stock car's notes are the dealership's: staff read them, the public catalogue shows none. */
let t: TestDatabase;
let carId: string;
const NOTES = 'Scratch on the rear door; will go 1,500 below list. Last viewer: Mrs Smith, 0170 1234567.';

beforeAll(async () => {
  t = await createTestDatabase();
  const staff = await userWithRole(t.db, 'staff');
  const car = await staff.caller.inventory.create({
    make: 'Volvo',
    model: 'XC40',
    year: 2023,
    vin: 'YV1XZ000000000099',
    fuelType: 'electric',
    bodyType: 'suv',
    transmission: 'automatic',
    price: '42000',
    notes: NOTES,
  });
  carId = car.id;
});
afterAll(() => t.destroy());

describe('stock notes', () => {
  it('are not in the catalogue for anonymous callers and clients (get and list)', async () => {
    const client = await userWithRole(t.db, 'client');
    for (const caller of [await callerFor(t.db), client.caller]) {
      expect((await caller.inventory.get({ id: carId })).notes).toBeNull();
      const page = await caller.inventory.list({});
      expect(page.items.map((c) => c.id)).toContain(carId);
      expect(page.items.every((c) => c.notes === null)).toBe(true);
      expect(JSON.stringify(page)).not.toContain('Scratch');
    }
  });

  it('are there for staff and admins', async () => {
    for (const role of ['staff', 'admin'] as const) {
      const { caller } = await userWithRole(t.db, role);
      expect((await caller.inventory.get({ id: carId })).notes).toBe(NOTES);
      expect((await caller.inventory.list({})).items.find((c) => c.id === carId)?.notes).toBe(NOTES);
    }
  });

  it("leave an owner's own garage notes alone", async () => {
    const owner = await userWithRole(t.db, 'client');
    const car = await owner.caller.cars.create({ make: 'Fiat', model: 'Panda', year: 2012, notes: 'my notes' });
    expect((await owner.caller.cars.get({ id: car.id })).notes).toBe('my notes');
  });
});
