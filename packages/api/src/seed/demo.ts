import type { Database, UserRole } from '@carhub/db';
import { normalizePlate } from '../domain/cars/plate';
import { insertCar } from '../domain/cars/queries';
import { insertUser } from '../domain/users/queries';
import type { Storage } from '../storage/storage';
import { seedDemoBookings } from './demo-bookings';
import { demoGarageCars, demoStockCars } from './demo-cars';
import { seedDemoLogbooks } from './demo-logbook';
import { seedDemoPhotos } from './demo-photos';
import { seedDemoSales } from './demo-sales';

/** Every demo account signs in with this password (README lists the accounts). */
export const DEMO_PASSWORD = 'carhub-demo-2026';

export const demoUsers: ReadonlyArray<{
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  role: UserRole;
  /** Staff and admins: their commission in percent. */
  commissionRate?: string;
}> = [
  { username: 'admin', email: 'admin@demo.carhub.test', firstName: 'Ada', lastName: 'Admin', role: 'admin' },
  {
    username: 'sam',
    email: 'sam@demo.carhub.test',
    firstName: 'Sam',
    lastName: 'Seller',
    role: 'staff',
    commissionRate: '5.00',
  },
  // A second salesperson, so staff lists, metrics and commission comparisons have something to compare.
  {
    username: 'tina',
    email: 'tina@demo.carhub.test',
    firstName: 'Tina',
    lastName: 'Trader',
    role: 'staff',
    commissionRate: '7.50',
  },
  { username: 'alice', email: 'alice@demo.carhub.test', firstName: 'Alice', lastName: 'Owner', role: 'client' },
  { username: 'bob', email: 'bob@demo.carhub.test', firstName: 'Bob', lastName: 'Renter', role: 'client' },
];

export interface SeedReport {
  usersCreated: number;
  carsCreated: number;
  photosCreated: number;
  bookingsCreated: number;
  salesCreated: number;
  /** Cars given a two-year logbook (alice's own). */
  logbooksCreated: number;
}

export interface SeedOptions {
  /** Where demo photos go; without it the demo cars get none. */
  storage?: Storage;
  /** The showroom zone the demo bookings' days and hours are read in (default UTC). */
  timeZone?: string;
}

/**
 * Loads the demo data through the same functions the API uses, so it obeys the same rules.
 * Safe to run twice: what exists already is left alone.
 */
export async function seedDemoData(db: Database, options: SeedOptions = {}): Promise<SeedReport> {
  const existing = new Set(
    (
      await db
        .selectFrom('users')
        .select('username')
        .where(
          'username',
          'in',
          demoUsers.map((u) => u.username),
        )
        .execute()
    ).map((u) => u.username.toLowerCase()),
  );
  let usersCreated = 0;
  for (const user of demoUsers) {
    if (existing.has(user.username)) continue;
    await insertUser(db, { ...user, password: DEMO_PASSWORD });
    usersCreated++;
  }
  const carsCreated = await seedDemoCars(db);
  const photosCreated = options.storage ? await seedDemoPhotos(db, options.storage) : 0;
  const bookingsCreated = await seedDemoBookings(db, options.timeZone);
  const salesCreated = await seedDemoSales(db, options.storage);
  const logbooksCreated = await seedDemoLogbooks(db);
  return { usersCreated, carsCreated, photosCreated, bookingsCreated, salesCreated, logbooksCreated };
}

/** Garage cars are recognised by owner and plate, stock by VIN: what exists is left alone. */
async function seedDemoCars(db: Database): Promise<number> {
  let created = 0;
  const owners = await db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('username', 'in', Object.keys(demoGarageCars))
    .execute();
  for (const owner of owners) {
    const taken = new Set(
      (await db.selectFrom('cars').select('plateNormalized').where('ownerId', '=', owner.id).execute()).map(
        (car) => car.plateNormalized,
      ),
    );
    for (const car of demoGarageCars[owner.username.toLowerCase()] ?? []) {
      if (car.licensePlate && taken.has(normalizePlate(car.licensePlate))) continue;
      await insertCar(db, { ...car, ownerId: owner.id });
      created++;
    }
  }
  const stock = demoStockCars();
  const existingVins = new Set(
    (
      await db
        .selectFrom('cars')
        .select('vin')
        .where('ownerId', 'is', null)
        .where(
          'vin',
          'in',
          stock.map((car) => car.vin ?? ''),
        )
        .execute()
    ).map((car) => car.vin),
  );
  for (const car of stock) {
    if (existingVins.has(car.vin ?? null)) continue;
    await insertCar(db, { ...car, ownerId: null });
    created++;
  }
  return created;
}
