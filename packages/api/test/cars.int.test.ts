import { isPgError, PgErrorCode } from '@carhub/db';
import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestCarYear } from '../src/domain/cars/car-year';
import { errorOf, fieldMessages } from './car-helpers';
import { callerFor, userWithRole } from './helpers';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

const golf = { make: 'Volkswagen', model: 'Golf', year: 2018 };

describe('a garage car’s life', () => {
  it('create -> get -> list -> update (partial) -> delete -> gone', async () => {
    const { id: ownerId, caller } = await userWithRole(t.db, 'client');
    const created = await caller.cars.create({
      ...golf,
      color: 'Blue',
      licensePlate: 'b-al 2018',
      vin: ' 1m8gdm9axkp042788 ',
      mileage: 74_200,
      notes: 'Winter tyres in the cellar.',
      fuelType: 'petrol',
    });
    expect(created).toMatchObject({
      ownerId,
      make: 'Volkswagen',
      licensePlate: 'b-al 2018',
      vin: '1M8GDM9AXKP042788',
      mileage: 74_200,
      fuelType: 'petrol',
      bodyType: null,
      transmission: null,
      price: null,
      status: null,
      imageUrl: null,
      photos: [],
    });
    expect(Object.keys(created).sort()).toEqual(
      [
        'id',
        'ownerId',
        'make',
        'model',
        'year',
        'color',
        'licensePlate',
        'vin',
        'mileage',
        'notes',
        'fuelType',
        'bodyType',
        'transmission',
        'price',
        'status',
        'imageUrl',
        'photos',
        'createdAt',
        'updatedAt',
      ].sort(),
    );
    const stored = await t.db
      .selectFrom('cars')
      .select('plateNormalized')
      .where('id', '=', created.id)
      .executeTakeFirst();
    expect(stored?.plateNormalized).toBe('BAL2018');

    expect(await caller.cars.get({ id: created.id })).toEqual(created);
    expect((await caller.cars.list({})).items.map((c) => c.id)).toEqual([created.id]);

    const updated = await caller.cars.update({ id: created.id, mileage: 80_000, color: null, licensePlate: null });
    expect(updated).toMatchObject({ mileage: 80_000, color: null, licensePlate: null, make: 'Volkswagen', year: 2018 });
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
    expect(await caller.cars.update({ id: created.id })).toEqual(updated);

    expect(await caller.cars.delete({ id: created.id })).toEqual({ id: created.id, outcome: 'deleted' });
    expect((await errorOf(caller.cars.get({ id: created.id }))).code).toBe('NOT_FOUND');
  });

  it('blank optional text is stored as null', async () => {
    const { caller } = await userWithRole(t.db, 'client');
    const car = await caller.cars.create({ ...golf, color: '   ', notes: '' });
    expect(car).toMatchObject({ color: null, notes: null, mileage: 0 });
  });

  it('goes with its owner when the owner is deleted', async () => {
    const { id, caller } = await userWithRole(t.db, 'client');
    const car = await caller.cars.create(golf);
    await t.db.deleteFrom('users').where('id', '=', id).execute();
    expect(await t.db.selectFrom('cars').select('id').where('id', '=', car.id).executeTakeFirst()).toBeUndefined();
  });
});

describe('validation', () => {
  const next = latestCarYear();
  it.each([
    ['make', { make: '' }, 'Make is required.'],
    ['make', { make: '   ' }, 'Make is required.'],
    ['make', { make: 'x'.repeat(51) }, 'Make must be at most 50 characters.'],
    ['model', { model: '' }, 'Model is required.'],
    ['year', { year: 1885 }, `Year must be a whole number from 1886 to ${next}.`],
    ['year', { year: next + 1 }, `Year must be a whole number from 1886 to ${next}.`],
    ['year', { year: 2000.5 }, `Year must be a whole number from 1886 to ${next}.`],
    ['year', { year: '2000' }, 'Year must be a number.'],
    ['color', { color: 'x'.repeat(31) }, 'Colour must be at most 30 characters.'],
    ['licensePlate', { licensePlate: 'AB_12' }, 'Licence plate may hold only letters, digits, spaces and dashes.'],
    ['licensePlate', { licensePlate: ' - ' }, 'Licence plate must hold at least one letter or digit.'],
    ['licensePlate', { licensePlate: 'ABCDEFGHJKLMN' }, 'Licence plate must have at most 12 letters and digits.'],
    ['vin', { vin: '1M8GDM9AXKP04278' }, 'VIN must be exactly 17 characters.'],
    ['vin', { vin: '1M8GDM9AXKP04278O' }, 'VIN may hold only digits and the letters A-Z except I, O and Q.'],
    ['vin', { vin: '1M8GDM9A1KP042788' }, 'VIN check digit (9th character) does not match'],
    ['vin', { vin: '1HGCM82633A004353' }, 'VIN check digit (9th character) does not match'],
    ['mileage', { mileage: -1 }, 'Mileage can not be negative.'],
    ['mileage', { mileage: 1.5 }, 'Mileage must be a whole number of kilometres.'],
    ['notes', { notes: 'x'.repeat(2001) }, 'Notes must be at most 2000 characters.'],
    ['fuelType', { fuelType: 'steam' }, 'Fuel type must be one of'],
    ['bodyType', { bodyType: 'tank' }, 'Body type must be one of'],
    ['transmission', { transmission: 'cvt' }, 'Transmission must be manual or automatic.'],
  ])('cars.create refuses a bad %s with 400 and its message (%j)', async (field, change, message) => {
    const { caller } = await userWithRole(t.db, 'client');
    const error = await errorOf(caller.cars.create({ ...golf, ...change } as typeof golf));
    expect(error.code).toBe('BAD_REQUEST');
    expect(fieldMessages(error)[field]?.join(' ')).toContain(message);
  });

  it.each(['1M8GDM9AXKP042788', '11111111111111111', '1HGCM82633A004352', 'WVWZZZ1JZXW000001'])(
    'accepts the real VIN %s',
    async (vin) => {
      const { caller } = await userWithRole(t.db, 'client');
      expect((await caller.cars.create({ ...golf, vin })).vin).toBe(vin);
    },
  );

  it('cars.update validates the same way, and a malformed id is 400', async () => {
    const { caller } = await userWithRole(t.db, 'client');
    const car = await caller.cars.create(golf);
    const error = await errorOf(caller.cars.update({ id: car.id, year: 1800 }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(fieldMessages(error).year).toBeDefined();
    const badId = await errorOf(caller.cars.get({ id: 'not-a-uuid' }));
    expect(badId.code).toBe('BAD_REQUEST');
    expect(fieldMessages(badId).id).toEqual(['Not a car id.']);
  });

  it('the database holds the same lines (year, stock-only price and status)', async () => {
    const { id: ownerId } = await userWithRole(t.db, 'client');
    const attempts = [
      { ownerId, make: 'A', model: 'B', year: 1885 },
      { ownerId, make: 'A', model: 'B', year: 2000, price: '1.00', status: 'available' as const },
      { ownerId: null, make: 'A', model: 'B', year: 2000, fuelType: 'petrol' as const },
      {
        ownerId: null,
        make: 'A',
        model: 'B',
        year: 2000,
        price: '1.00',
        status: 'available' as const,
        fuelType: 'petrol' as const,
      },
      { ownerId, make: 'A', model: 'B', year: 2000, mileage: -5 },
    ];
    for (const values of attempts) {
      const error = await t.db
        .insertInto('cars')
        .values(values)
        .execute()
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(isPgError(error, PgErrorCode.checkViolation), JSON.stringify(values)).toBe(true);
    }
  });
});

describe('plates and VINs are unique within one garage', () => {
  it('refuses the same plate in any case, spacing or dashes with 409, saying nothing of other garages', async () => {
    const { caller } = await userWithRole(t.db, 'client');
    await caller.cars.create({ ...golf, licensePlate: 'M-XY 123' });
    for (const plate of ['mxy123', 'M XY-123', ' m-x-y 1 2 3 ']) {
      const error = await errorOf(caller.cars.create({ ...golf, licensePlate: plate }));
      expect(error.code).toBe('CONFLICT');
      expect(error.message).toBe('You already have a car with this licence plate.');
      expect(fieldMessages(error).licensePlate).toEqual([error.message]);
    }
    // Another owner may have the same plate: a stranger can't squat it.
    const { caller: other } = await userWithRole(t.db, 'client');
    expect((await other.cars.create({ ...golf, licensePlate: 'MXY 123' })).licensePlate).toBe('MXY 123');
  });

  it('refuses the same VIN in any case or spacing with 409', async () => {
    const { caller } = await userWithRole(t.db, 'client');
    await caller.cars.create({ ...golf, vin: '1HGCM82633A004352' });
    const error = await errorOf(caller.cars.create({ ...golf, vin: '1hgcm 82633 a004352' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe('You already have a car with this VIN.');
    const { caller: other } = await userWithRole(t.db, 'client');
    expect((await other.cars.create({ ...golf, vin: '1HGCM82633A004352' })).vin).toBe('1HGCM82633A004352');
  });

  it('refuses an update onto a plate the garage already has', async () => {
    const { caller } = await userWithRole(t.db, 'client');
    await caller.cars.create({ ...golf, licensePlate: 'AB 1' });
    const second = await caller.cars.create({ ...golf, licensePlate: 'AB 2' });
    const error = await errorOf(caller.cars.update({ id: second.id, licensePlate: 'ab-1' }));
    expect(error.code).toBe('CONFLICT');
    expect((await caller.cars.get({ id: second.id })).licensePlate).toBe('AB 2');
  });
});

describe('who may touch which car', () => {
  it('a client can’t read, change or delete another client’s car: 404, and the car is untouched', async () => {
    const alice = await userWithRole(t.db, 'client');
    const bob = await userWithRole(t.db, 'client');
    const car = await alice.caller.cars.create({ ...golf, licensePlate: 'AL 1' });
    // Thunks, not promises: each attempt runs alone, after the one before has been answered.
    for (const attempt of [
      () => bob.caller.cars.get({ id: car.id }),
      () => bob.caller.cars.update({ id: car.id, mileage: 1 }),
      () => bob.caller.cars.delete({ id: car.id }),
    ]) {
      const error = await errorOf(attempt());
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toBe('No such car.');
    }
    // The same answer as for an id that does not exist.
    const unknown = await errorOf(bob.caller.cars.get({ id: '00000000-0000-4000-8000-000000000000' }));
    expect(unknown.message).toBe('No such car.');
    expect(await alice.caller.cars.get({ id: car.id })).toEqual(car);
    expect((await bob.caller.cars.list({})).items).toEqual([]);
  });

  it('staff can’t touch garage cars; admin can read, change and delete any', async () => {
    const alice = await userWithRole(t.db, 'client');
    const staff = await userWithRole(t.db, 'staff');
    const admin = await userWithRole(t.db, 'admin');
    const car = await alice.caller.cars.create(golf);
    for (const attempt of [
      () => staff.caller.cars.get({ id: car.id }),
      () => staff.caller.cars.update({ id: car.id, mileage: 1 }),
      () => staff.caller.cars.delete({ id: car.id }),
    ]) {
      expect((await errorOf(attempt())).code).toBe('NOT_FOUND');
    }
    expect((await admin.caller.cars.get({ id: car.id })).id).toBe(car.id);
    expect((await admin.caller.cars.update({ id: car.id, mileage: 5 })).mileage).toBe(5);
    expect((await alice.caller.cars.get({ id: car.id })).mileage).toBe(5);
    // cars.list is the caller's own garage, admin included.
    expect((await admin.caller.cars.list({})).items).toEqual([]);
    await admin.caller.cars.delete({ id: car.id });
    expect((await errorOf(alice.caller.cars.get({ id: car.id }))).code).toBe('NOT_FOUND');
  });

  it('stock is not reached through cars.*, whoever asks', async () => {
    const staff = await userWithRole(t.db, 'staff');
    const admin = await userWithRole(t.db, 'admin');
    const stock = await staff.caller.inventory.create({
      ...golf,
      price: '10000',
      fuelType: 'petrol',
      bodyType: 'hatchback',
      transmission: 'manual',
    });
    for (const caller of [staff.caller, admin.caller]) {
      expect((await errorOf(caller.cars.get({ id: stock.id }))).code).toBe('NOT_FOUND');
      expect((await errorOf(caller.cars.update({ id: stock.id, mileage: 1 }))).code).toBe('NOT_FOUND');
      expect((await errorOf(caller.cars.delete({ id: stock.id }))).code).toBe('NOT_FOUND');
    }
  });

  it('signed out: 401', async () => {
    const anonymous = await callerFor(t.db);
    expect((await errorOf(anonymous.cars.list({}))).code).toBe('UNAUTHORIZED');
    expect((await errorOf(anonymous.cars.create(golf))).code).toBe('UNAUTHORIZED');
  });
});

describe('cars.list', () => {
  it('filters, sorts and pages through the owner’s garage only', async () => {
    const owner = await userWithRole(t.db, 'client');
    const other = await userWithRole(t.db, 'client');
    await other.caller.cars.create({ make: 'Toyota', model: 'Yaris', year: 2015 });
    const specs = [
      { make: 'Toyota', model: 'Corolla', year: 2010, mileage: 150_000, color: 'Red' },
      { make: 'toyota', model: 'Yaris', year: 2015, mileage: 90_000, color: 'Blue' },
      { make: 'BMW', model: 'X5', year: 2020, mileage: 30_000, color: 'Black' },
      { make: 'Audi', model: 'A4', year: 2005, mileage: 250_000, color: 'Silver', vin: 'WAUZZZ8K9BA000123' },
      { make: 'Volkswagen', model: 'Golf', year: 2015, mileage: 90_000, color: 'Red' },
    ];
    const cars: Awaited<ReturnType<typeof owner.caller.cars.create>>[] = [];
    for (const spec of specs) cars.push(await owner.caller.cars.create(spec));
    const ids = (items: { id: string }[]) => items.map((c) => c.id);
    const byName = (...models: string[]) => models.map((m) => cars.find((c) => c.model === m)?.id);

    expect(ids((await owner.caller.cars.list({})).items)).toEqual([...ids(cars)].reverse());
    expect(ids((await owner.caller.cars.list({ make: 'TOYOTA', sort: 'year' })).items)).toEqual(
      byName('Corolla', 'Yaris'),
    );
    expect(ids((await owner.caller.cars.list({ model: 'x5' })).items)).toEqual(byName('X5'));
    expect(ids((await owner.caller.cars.list({ minYear: 2015, sort: 'year' })).items).slice(-1)).toEqual(byName('X5'));
    expect(new Set(ids((await owner.caller.cars.list({ maxYear: 2010 })).items))).toEqual(
      new Set(byName('Corolla', 'A4')),
    );
    expect(new Set(ids((await owner.caller.cars.list({ q: 'red' })).items))).toEqual(
      new Set(byName('Corolla', 'Golf')),
    );
    expect(ids((await owner.caller.cars.list({ q: '8k9ba' })).items)).toEqual(byName('A4'));
    expect(ids((await owner.caller.cars.list({ q: 'toyota blue' })).items)).toEqual(byName('Yaris'));

    const mileage = (await owner.caller.cars.list({ sort: '-mileage' })).items.map((c) => c.mileage);
    expect(mileage).toEqual([250_000, 150_000, 90_000, 90_000, 30_000]);
    const makes = (await owner.caller.cars.list({ sort: 'make' })).items.map((c) => c.make);
    expect(makes).toHaveLength(5);
    expect(makes[0]).toBe('Audi');

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await owner.caller.cars.list({
        sort: 'year',
        limit: 2,
        cursor,
      });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page.items));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen)).toEqual(new Set(ids(cars)));
    const years = seen.map((id) => cars.find((c) => c.id === id)?.year ?? 0);
    expect(years).toEqual([...years].sort((a, b) => a - b));
  });

  it('refuses a limit out of 1..100 and an unknown sort with 400', async () => {
    const { caller } = await userWithRole(t.db, 'client');
    for (const input of [{ limit: 0 }, { limit: 101 }, { sort: 'price' }, { sort: 'ownerId' }]) {
      const error = await errorOf(caller.cars.list(input as object));
      expect(error.code).toBe('BAD_REQUEST');
    }
    expect(fieldMessages(await errorOf(caller.cars.list({ limit: 0 }))).limit).toEqual([
      'limit must be a whole number from 1 to 100.',
    ]);
  });

  it('an index can serve an owner’s list (the benchmark shows the planner choosing it at scale)', async () => {
    const plan = await t.db.transaction().execute(async (trx) => {
      // A test table is tiny, where a sequential scan wins: take that choice away to see the index fits.
      await sql`set local enable_seqscan = off`.execute(trx);
      await sql`set local enable_bitmapscan = off`.execute(trx);
      const { rows } = await sql<Record<string, string>>`
        explain select id from cars where owner_id = '00000000-0000-4000-8000-000000000000'
        order by created_at desc, id desc limit 21`.execute(trx);
      return rows.map((r) => Object.values(r)[0]).join('\n');
    });
    expect(plan).toContain('cars_owner_created_at_id_idx');
  });
});
