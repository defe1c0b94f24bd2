import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCar } from '../src/domain/cars/queries';
import { errorOf, fieldMessages } from './car-helpers';
import { callerFor, signUp } from './helpers';

/**
 * inventory.available and cars.available against a brute-force answer: 200 random cars and
 * random bookings of every status, random windows, every filter, paged in small pages.
 */
let t: TestDatabase;

// A seeded generator, so a failure can be replayed.
let seed = 20270317;
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const makes = ['Toyota', 'Skoda', 'Volvo', 'Fiat'] as const;
const models = ['A', 'B', 'C'] as const;
const colours = ['red', 'blue', 'silver'] as const;
const fuels = ['petrol', 'diesel', 'electric'] as const;
const bodies = ['sedan', 'suv', 'wagon'] as const;
const gears = ['manual', 'automatic'] as const;
const statuses = ['available', 'reserved', 'sold', 'removed'] as const;
const bookingStatuses = ['pending', 'approved', 'declined', 'cancelled', 'completed', 'no_show'] as const;

interface Car {
  id: string;
  make: string;
  model: string;
  color: string | null;
  year: number;
  price: number;
  mileage: number;
  fuelType: string | null;
  bodyType: string | null;
  transmission: string | null;
  status: string | null;
  createdAt: Date;
}
interface Booking {
  carId: string;
  status: string;
  startAt: Date;
  endAt: Date;
}

const base = Date.UTC(2030, 0, 1);
const HOUR = 3_600_000;
const stock: Car[] = [];
const garage: Car[] = [];
const bookings: Booking[] = [];
let ownerToken: string;

async function addCar(ownerId: string | null, i: number): Promise<Car> {
  const row = await insertCar(t.db, {
    ownerId,
    make: pick(makes),
    model: pick(models),
    year: 2000 + Math.floor(random() * 25),
    color: pick(colours),
    mileage: Math.floor(random() * 5) * 10_000,
    fuelType: pick(fuels),
    bodyType: pick(bodies),
    transmission: pick(gears),
    ...(ownerId === null ? { price: `${(Math.floor(random() * 8) + 1) * 2500}.00`, status: pick(statuses) } : {}),
    licensePlate: `AV ${i}`,
  });
  return { ...row, price: Number(row.price ?? 0) };
}

beforeAll(async () => {
  t = await createTestDatabase();
  const owner = await signUp(t.db);
  ownerToken = owner.token;
  for (let i = 0; i < 200; i++) stock.push(await addCar(null, i));
  for (let i = 0; i < 30; i++) garage.push(await addCar(owner.user.id, 1000 + i));
  // Random bookings over two weeks of hours, inserted as rows: the search reads whatever is
  // there, so the booking rules are not what is under test. Active ones must not overlap
  // (the constraint), so a clash is simply skipped.
  for (const car of [...stock, ...garage]) {
    const count = Math.floor(random() * 5);
    for (let j = 0; j < count; j++) {
      const startAt = new Date(base + Math.floor(random() * 14 * 24) * HOUR);
      const endAt = new Date(startAt.getTime() + (1 + Math.floor(random() * 48)) * HOUR);
      const status = pick(bookingStatuses);
      try {
        await sql`insert into bookings (car_id, kind, status, start_at, end_at)
          values (${car.id}, 'rental', ${status}, ${startAt}, ${endAt})`.execute(t.db);
        bookings.push({ carId: car.id, status, startAt, endAt });
      } catch {
        // an active overlap: the exclusion constraint refused it
      }
    }
  }
}, 120_000);
afterAll(() => t.destroy());

function isFree(car: Car, from: Date, to: Date): boolean {
  return !bookings.some(
    (b) =>
      b.carId === car.id && (b.status === 'pending' || b.status === 'approved') && b.startAt < to && from < b.endAt,
  );
}

type Filters = Record<string, string | number>;

function matches(car: Car, f: Filters): boolean {
  if (f.make !== undefined && car.make.toLowerCase() !== String(f.make).toLowerCase()) return false;
  if (f.model !== undefined && car.model.toLowerCase() !== String(f.model).toLowerCase()) return false;
  if (f.minYear !== undefined && car.year < Number(f.minYear)) return false;
  if (f.maxYear !== undefined && car.year > Number(f.maxYear)) return false;
  if (f.minPrice !== undefined && car.price < Number(f.minPrice)) return false;
  if (f.maxPrice !== undefined && car.price > Number(f.maxPrice)) return false;
  if (f.fuelType !== undefined && car.fuelType !== f.fuelType) return false;
  if (f.bodyType !== undefined && car.bodyType !== f.bodyType) return false;
  if (f.transmission !== undefined && car.transmission !== f.transmission) return false;
  if (f.status !== undefined && car.status !== f.status) return false;
  if (f.q !== undefined && !`${car.make} ${car.model} ${car.color}`.toLowerCase().includes(String(f.q))) return false;
  return true;
}

function randomFilters(): Filters {
  const all: Array<() => [string, string | number]> = [
    () => ['make', pick(makes).toUpperCase()],
    () => ['model', pick(models)],
    () => ['minYear', 2005 + Math.floor(random() * 10)],
    () => ['maxYear', 2010 + Math.floor(random() * 15)],
    () => ['minPrice', `${Math.floor(random() * 4) * 2500}.00`],
    () => ['maxPrice', `${(Math.floor(random() * 4) + 4) * 2500}.00`],
    () => ['fuelType', pick(fuels)],
    () => ['bodyType', pick(bodies)],
    () => ['transmission', pick(gears)],
    () => ['status', pick(['available', 'reserved'])],
    () => ['q', pick(['red', 'blue', 'silver'])],
  ];
  const filters: Filters = {};
  for (const make of all) {
    if (random() < 0.25) {
      const [key, value] = make();
      filters[key] = value;
    }
  }
  return filters;
}

function randomWindow(): { from: Date; to: Date } {
  const from = new Date(base - 24 * HOUR + Math.floor(random() * 16 * 24) * HOUR + Math.floor(random() * 4) * 900_000);
  const to = new Date(from.getTime() + (1 + Math.floor(random() * 96)) * 1_800_000);
  return { from, to };
}

const sortKey: Record<string, (c: Car) => number> = {
  price: (c) => c.price,
  year: (c) => c.year,
  mileage: (c) => c.mileage,
  createdAt: (c) => c.createdAt.getTime(),
};

describe('inventory.available', () => {
  it('answers what a brute-force check over 200 cars answers, for every filter, each free car once', async () => {
    const anonymous = await callerFor(t.db);
    let nonEmpty = 0;
    for (let round = 0; round < 40; round++) {
      const window = randomWindow();
      const filters = randomFilters();
      const sort = pick(['price', '-price', 'year', '-year', 'mileage', '-createdAt']) as '-price';
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { items: Array<{ id: string }>; nextCursor: string | null } = await anonymous.inventory.available({
          ...window,
          ...filters,
          sort,
          limit: 7,
          ...(cursor ? { cursor } : {}),
        } as never);
        seen.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor;
        pages += 1;
        expect(pages).toBeLessThan(60);
      } while (cursor);
      const expected = stock
        .filter((c) => (c.status === 'available' || c.status === 'reserved') && matches(c, filters))
        .filter((c) => isFree(c, window.from, window.to));
      expect(new Set(seen).size, 'no car twice').toBe(seen.length);
      expect([...seen].sort(), JSON.stringify({ window, filters, sort })).toEqual(expected.map((c) => c.id).sort());
      // In the order asked for.
      const key = sortKey[sort.replace('-', '')] as (c: Car) => number;
      const byId = new Map(stock.map((c) => [c.id, c]));
      const values = seen.map((id) => key(byId.get(id) as Car));
      const ordered = [...values].sort((a, b) => (sort.startsWith('-') ? b - a : a - b));
      expect(values).toEqual(ordered);
      if (expected.length > 0) nonEmpty += 1;
    }
    // The random cases must exercise something: most windows leave some cars free.
    expect(nonEmpty).toBeGreaterThan(10);
  });

  it('finds a car free right up to a booking (half-open windows) and not when one overlaps', async () => {
    const anonymous = await callerFor(t.db);
    const booked = bookings.find(
      (b) => b.status === 'approved' && stock.some((c) => c.id === b.carId && c.status === 'available'),
    );
    if (!booked) throw new Error('the random data has no approved booking of an available car');
    const car = stock.find((c) => c.id === booked.carId) as Car;
    const ids = async (from: Date, to: Date) =>
      (await anonymous.inventory.available({ from, to, make: car.make, limit: 100 })).items.map((c) => c.id);
    const before = new Date(booked.startAt.getTime() - HOUR);
    if (isFree(car, before, booked.startAt)) expect(await ids(before, booked.startAt)).toContain(car.id);
    expect(await ids(before, new Date(booked.startAt.getTime() + 1))).not.toContain(car.id);
  });

  it.each([
    [{ from: new Date(base + HOUR), to: new Date(base) }, 'to', 'after from'],
    [{ from: new Date(base), to: new Date(base) }, 'to', 'after from'],
    [{ from: new Date(base), to: new Date(base + 91 * 24 * HOUR) }, 'to', '90 days'],
    [{ to: new Date(base) }, 'from', 'ISO 8601'],
    [{ from: new Date(base), to: new Date(base + HOUR), status: 'sold' }, 'status', 'available or reserved'],
  ])('refuses a bad window or status with a 400 naming the field (%#)', async (input, field, message) => {
    const error = await errorOf((await callerFor(t.db)).inventory.available(input as never));
    expect(error.code).toBe('BAD_REQUEST');
    expect(fieldMessages(error)[field]?.join(' ')).toContain(message);
  });

  it('accepts exactly 90 days', async () => {
    const page = await (await callerFor(t.db)).inventory.available({
      from: new Date(base),
      to: new Date(base + 90 * 24 * HOUR),
      limit: 1,
    });
    expect(page.items.length).toBeLessThanOrEqual(1);
  });
});

describe('cars.available', () => {
  it("lists the caller's own garage cars free in the window, brute-force checked, and nobody else's", async () => {
    const owner = await callerFor(t.db, { token: ownerToken });
    for (let round = 0; round < 10; round++) {
      const window = randomWindow();
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Array<{ id: string }>; nextCursor: string | null } = await owner.cars.available({
          ...window,
          limit: 4,
          sort: 'make',
          ...(cursor ? { cursor } : {}),
        });
        seen.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual(
        garage
          .filter((c) => isFree(c, window.from, window.to))
          .map((c) => c.id)
          .sort(),
      );
    }
    const stranger = await signUp(t.db);
    const theirs = await stranger.caller.cars.available({ from: new Date(base), to: new Date(base + HOUR) });
    expect(theirs.items).toEqual([]);
  });

  it('needs a signed-in caller and a sane window', async () => {
    expect(
      (await errorOf((await callerFor(t.db)).cars.available({ from: new Date(base), to: new Date(base + HOUR) }))).code,
    ).toBe('UNAUTHORIZED');
    const owner = await callerFor(t.db, { token: ownerToken });
    const error = await errorOf(owner.cars.available({ from: new Date(base + HOUR), to: new Date(base) }));
    expect(fieldMessages(error).to?.[0]).toContain('after from');
  });
});
