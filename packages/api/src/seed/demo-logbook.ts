import { randomUUID } from 'node:crypto';
import type { Database } from '@carhub/db';
import { findCar } from '../domain/cars/queries';
import { fromUnits } from '../domain/logbook/logbook-decimal';
import { syncCarMileage } from '../domain/logbook/odometer/queries';
import { insertReminder } from '../domain/logbook/reminders/queries';
import { addMonths } from '../domain/logbook/reminders/reminder-rules';
import { addDays } from '../domain/showroom/showroom-time';

/** Alice's own cars (by plate) get a logbook: two years up to today. */
const LOGBOOK_PLATES = ['B-AL 2018', 'B-AL 2003'];

/**
 * Two years of a car's life, ending today at the car's mileage: a fill-up every fortnight
 * (every fifth one partial), a service every six months, and two reminders: an oil change due
 * by distance now, and an inspection upcoming by date. A car that has a logbook already is left alone.
 */
export async function seedDemoLogbooks(db: Database, today = new Date().toISOString().slice(0, 10)): Promise<number> {
  const cars = await db
    .selectFrom('cars')
    .innerJoin('users', 'users.id', 'cars.ownerId')
    .select(['cars.id', 'cars.mileage', 'cars.licensePlate'])
    .where('users.username', '=', 'alice')
    .where('cars.licensePlate', 'in', LOGBOOK_PLATES)
    .execute();
  let created = 0;
  for (const { id } of cars) {
    const done = await db.transaction().execute(async (trx) => {
      const car = await findCar(trx, id, { forUpdate: true });
      if (!car) return false;
      const has = await trx
        .selectFrom('odometerReadings')
        .select('id')
        .where('carId', '=', id)
        .limit(1)
        .executeTakeFirst();
      if (has) return false;
      await seedCar(trx, car.id, car.mileage, today);
      return true;
    });
    if (done) created++;
  }
  return created;
}

async function seedCar(trx: Database, carId: string, mileage: number, today: string): Promise<void> {
  const fills = 52;
  const perFill = 460;
  const start = Math.max(0, mileage - fills * perFill);
  const startDate = addDays(today, -fills * 14);
  // Built in order (odometer rising with the date), so written in three statements: a demo
  // database starts in seconds, and the readings obey the ordering rule by construction.
  const readings: { id: string; carId: string; at: string; km: number; source: 'fuel' | 'service' }[] = [];
  const fuel = [];
  const services = [];
  for (let i = 1; i <= fills; i++) {
    const at = addDays(startDate, i * 14);
    const km = i === fills ? mileage : start + i * perFill - (i % 3) * 17;
    if (i % 13 === 0) {
      const reading = { id: randomUUID(), carId, at: addDays(at, -1), km: km - 40, source: 'service' as const };
      readings.push(reading);
      const annual = i % 26 === 0;
      services.push({
        carId,
        at: reading.at,
        odometerKm: reading.km,
        title: annual ? 'Annual service' : 'Oil change',
        items: annual
          ? ['engine oil 5W-30', 'oil filter', 'air filter', 'brake check']
          : ['engine oil 5W-30', 'oil filter'],
        cost: annual ? '389.90' : '129.50',
        shop: 'Autohaus Nord',
        odometerReadingId: reading.id,
      });
    }
    const reading = { id: randomUUID(), carId, at, km, source: 'fuel' as const };
    readings.push(reading);
    const milliliters = BigInt(28_000 + ((i * 7_919) % 9_000));
    // About 1.72 per litre, varying a little: cents computed exactly from millilitres.
    const centsPerLiter = 165n + BigInt((i * 31) % 15);
    fuel.push({
      carId,
      at,
      odometerKm: km,
      liters: fromUnits(milliliters, 3),
      totalCost: fromUnits((milliliters * centsPerLiter + 500n) / 1000n, 2),
      fullTank: i % 5 !== 0,
      station: i % 2 === 0 ? 'Aral Hauptstraße' : 'Shell Ring',
      odometerReadingId: reading.id,
    });
  }
  await trx.insertInto('odometerReadings').values(readings).execute();
  await trx.insertInto('fuelEntries').values(fuel).execute();
  await trx.insertInto('serviceRecords').values(services).execute();
  await syncCarMileage(trx, carId);
  await insertReminder(trx, carId, {
    title: 'Oil change',
    dueDate: null,
    dueKm: mileage + 300,
    repeatMonths: 12,
    repeatKm: 15_000,
    notifyDaysBefore: 14,
    notifyKm: 500,
    notes: 'Due now: the demo shows a reminder that fires.',
  });
  await insertReminder(trx, carId, {
    title: 'Vehicle inspection',
    dueDate: addMonths(today, 5),
    dueKm: null,
    repeatMonths: 24,
    repeatKm: null,
    notifyDaysBefore: 30,
    notifyKm: 500,
    notes: null,
  });
}
