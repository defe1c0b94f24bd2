import type { Database } from '@carhub/db';
import { sql } from 'kysely';
import { insertBooking } from '../domain/bookings/queries';
import type { BookingKind } from '../domain/bookings/schemas';
import type { BookingStatus } from '../domain/bookings/status-rules';
import { addDays, localDate, startOfLocalDay, zonedInstant } from '../domain/showroom/showroom-time';
import { demoStockCars } from './demo-cars';

/** Demo bookings carry this note, which is how a second run recognises them. */
export const DEMO_BOOKING_NOTE = 'Demo booking';

interface DemoBooking {
  car: 'aliceGolf' | 'aliceAccord' | 'bobKangoo' | 'stock1' | 'stock2' | 'stock3';
  customer: 'alice' | 'bob';
  kind: BookingKind;
  status: BookingStatus;
  /** Days from today; whole-day rentals take `days` days, test drives one hour at `hour`. */
  offset: number;
  days?: number;
  hour?: number;
  renterName?: string;
  handled?: boolean;
}

// Every status, on garage cars and stock, past and future, none overlapping another active one.
const demoBookings: DemoBooking[] = [
  {
    car: 'aliceGolf',
    customer: 'alice',
    kind: 'rental',
    status: 'approved',
    offset: 3,
    days: 2,
    renterName: 'Carla Gomez',
  },
  {
    car: 'aliceGolf',
    customer: 'alice',
    kind: 'rental',
    status: 'completed',
    offset: -10,
    days: 3,
    renterName: 'Dan Ito',
  },
  { car: 'aliceAccord', customer: 'alice', kind: 'rental', status: 'cancelled', offset: 5, days: 1 },
  {
    car: 'bobKangoo',
    customer: 'bob',
    kind: 'rental',
    status: 'approved',
    offset: 1,
    days: 7,
    renterName: 'Umzug GmbH',
  },
  { car: 'stock1', customer: 'bob', kind: 'test_drive', status: 'pending', offset: 2, hour: 10 },
  { car: 'stock1', customer: 'alice', kind: 'test_drive', status: 'approved', offset: 2, hour: 11, handled: true },
  { car: 'stock2', customer: 'bob', kind: 'test_drive', status: 'declined', offset: 4, hour: 14, handled: true },
  { car: 'stock2', customer: 'alice', kind: 'test_drive', status: 'completed', offset: -3, hour: 9, handled: true },
  { car: 'stock3', customer: 'bob', kind: 'test_drive', status: 'no_show', offset: -2, hour: 15, handled: true },
  { car: 'stock3', customer: 'bob', kind: 'test_drive', status: 'cancelled', offset: 6, hour: 12 },
];

/**
 * Bookings in every status on the demo cars, dated around today in the showroom zone. Written
 * straight through insertBooking (past ones could not be booked through the API). Skipped
 * entirely when demo bookings exist already, so a second run changes nothing.
 */
export async function seedDemoBookings(db: Database, timeZone = 'UTC', now = new Date()): Promise<number> {
  const existing = await db
    .selectFrom('bookings')
    .select('id')
    .where('notes', 'like', `${DEMO_BOOKING_NOTE}%`)
    .limit(1)
    .executeTakeFirst();
  if (existing) return 0;
  const users = await db
    .selectFrom('users')
    .select(['id', 'username', sql<string>`first_name || ' ' || last_name`.as('name')])
    .where('username', 'in', ['alice', 'bob', 'sam'])
    .execute();
  const user = (name: string) => users.find((u) => u.username.toLowerCase() === name);
  const garage = await db
    .selectFrom('cars')
    .select(['id', 'ownerId', 'model'])
    .where(
      'ownerId',
      'in',
      users.map((u) => u.id),
    )
    .execute();
  // Demo stock only (by VIN): seeding a database with real stock never books a real car.
  const stock = await db
    .selectFrom('cars')
    .select('id')
    .where('ownerId', 'is', null)
    .where('status', '=', 'available')
    .where(
      'vin',
      'in',
      demoStockCars().map((car) => car.vin ?? ''),
    )
    .orderBy('vin')
    .limit(3)
    .execute();
  const cars: Record<DemoBooking['car'], string | undefined> = {
    aliceGolf: garage.find((c) => c.ownerId === user('alice')?.id && c.model === 'Golf')?.id,
    aliceAccord: garage.find((c) => c.ownerId === user('alice')?.id && c.model === 'Accord')?.id,
    bobKangoo: garage.find((c) => c.ownerId === user('bob')?.id && c.model === 'Kangoo')?.id,
    stock1: stock[0]?.id,
    stock2: stock[1]?.id,
    stock3: stock[2]?.id,
  };
  const today = localDate(now, timeZone);
  let created = 0;
  for (const demo of demoBookings) {
    const carId = cars[demo.car];
    const customer = user(demo.customer);
    if (!carId || !customer) continue;
    const first = addDays(today, demo.offset);
    const time =
      demo.kind === 'rental'
        ? {
            startAt: startOfLocalDay(first, timeZone),
            endAt: startOfLocalDay(addDays(first, demo.days ?? 1), timeZone),
            startDate: first,
            endDate: addDays(first, (demo.days ?? 1) - 1),
          }
        : testDriveTime(first, demo.hour ?? 10, timeZone);
    await insertBooking(db, {
      carId,
      kind: demo.kind,
      status: demo.status,
      ...time,
      customerId: customer.id,
      customerName: customer.name,
      renterName: demo.renterName ?? null,
      notes: `${DEMO_BOOKING_NOTE} (${demo.status.replace('_', '-')})`,
      createdBy: demo.kind === 'rental' ? customer.id : (user('sam')?.id ?? null),
      handledBy: demo.handled ? (user('sam')?.id ?? null) : null,
    });
    created++;
  }
  return created;
}

function testDriveTime(date: string, hour: number, timeZone: string) {
  const startAt = zonedInstant(date, hour, 0, timeZone) ?? startOfLocalDay(date, timeZone);
  return { startAt, endAt: new Date(startAt.getTime() + 3_600_000), startDate: null, endDate: null };
}
