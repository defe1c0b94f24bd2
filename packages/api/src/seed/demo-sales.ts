import type { Database } from '@carhub/db';
import { sellCar } from '../domain/sales/sell-car';
import { userColumns } from '../domain/users/queries';
import { defaultSettings } from '../settings';
import { noStorage } from '../storage/no-storage';
import type { Storage } from '../storage/storage';
import { DEMO_BOOKING_NOTE } from './demo-bookings';
import { demoStockCars } from './demo-cars';

/** Demo sales carry this note, which is how a second run recognises them. */
export const DEMO_SALE_NOTE = 'Demo sale';

const DAY = 86_400_000;

/**
 * A handful of sales by both demo salespeople, days ago, through sellCar (so each car is sold
 * in stock, copied with its photos into the buyer's garage and audited, as a real sale is).
 * The first is the stock car alice test-drove with sam three days ago (demo bookings): sam's
 * metrics then show a converted test drive. Only demo stock cars are sold (by their VINs), so
 * seeding a database with real stock never sells a real car. Skipped when demo sales exist.
 */
export async function seedDemoSales(db: Database, storage: Storage = noStorage, now = new Date()): Promise<number> {
  const existing = await db
    .selectFrom('sales')
    .select('id')
    .where('notes', 'like', `${DEMO_SALE_NOTE}%`)
    .limit(1)
    .executeTakeFirst();
  if (existing) return 0;
  const users = await db
    .selectFrom('users')
    .select(userColumns)
    .where('username', 'in', ['sam', 'tina', 'alice', 'bob'])
    .execute();
  const user = (name: string) => users.find((u) => u.username.toLowerCase() === name);
  const vins = demoStockCars().map((car) => car.vin ?? '');
  // The demo stock car of alice's completed demo test drive (demo-bookings), still for sale.
  const testDriven = await db
    .selectFrom('bookings')
    .innerJoin('cars', 'cars.id', 'bookings.carId')
    .innerJoin('users', 'users.id', 'bookings.customerId')
    .select('cars.id')
    .where('bookings.notes', 'like', `${DEMO_BOOKING_NOTE}%`)
    .where('bookings.kind', '=', 'test_drive')
    .where('bookings.status', '=', 'completed')
    .where('users.username', '=', 'alice')
    .where('cars.vin', 'in', vins)
    .where('cars.status', '=', 'available')
    .executeTakeFirst();
  // Then three demo stock cars nobody has booked, in the catalogue's order (the first have photos).
  const unbooked = await db
    .selectFrom('cars')
    .select(['id', 'vin'])
    .where('ownerId', 'is', null)
    .where('status', '=', 'available')
    .where('vin', 'in', vins)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('bookings').select('bookings.id').whereRef('bookings.carId', '=', 'cars.id'))),
    )
    .execute();
  unbooked.sort((a, b) => vins.indexOf(a.vin ?? '') - vins.indexOf(b.vin ?? ''));
  const plan = [
    { car: testDriven?.id, seller: 'sam', buyer: 'alice', daysAgo: 2, discount: 500 },
    { car: unbooked[0]?.id, seller: 'tina', buyer: 'bob', daysAgo: 5, discount: 0 },
    { car: unbooked[1]?.id, seller: 'tina', buyer: 'alice', daysAgo: 12, discount: 250 },
    { car: unbooked[2]?.id, seller: 'sam', buyer: 'bob', daysAgo: 20, discount: 1000 },
  ];
  let created = 0;
  for (const sale of plan) {
    const seller = user(sale.seller);
    const buyer = user(sale.buyer);
    if (!sale.car || !seller || !buyer) continue;
    const car = await db.selectFrom('cars').select('price').where('id', '=', sale.car).executeTakeFirstOrThrow();
    // In whole cents: a two-place decimal times 100, rounded, is exact far beyond any price.
    const cents = Math.max(0, Math.round(Number(car.price) * 100) - sale.discount * 100);
    const price = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    await sellCar(
      db,
      {
        auth: { user: seller },
        storage,
        now: new Date(now.getTime() - sale.daysAgo * DAY),
        defaultCommissionRate: defaultSettings.defaultCommissionRate,
      },
      { carId: sale.car, customerId: buyer.id, price, notes: `${DEMO_SALE_NOTE}: ${sale.seller} to ${sale.buyer}` },
    );
    created++;
  }
  return created;
}
