import type { Database } from '@carhub/db';
import { type CarRecord, findCarOrThrow } from '../../cars/queries';
import { recordCarMileage } from './queries';

/**
 * After a car was written with a plain `mileage` (cars.create/update, inventory.create/update,
 * admin.users.cars.*): that mileage becomes a reading of `today` (logbookToday), so history is never lost, and
 * the car as it now reads (its mileage is the latest reading) is returned. Unchanged when no
 * mileage was given. Call with the car row locked (or just inserted).
 */
export async function withMileageReading(
  db: Database,
  car: CarRecord,
  mileage: number | undefined,
  today: string,
): Promise<CarRecord> {
  if (mileage === undefined) return car;
  await recordCarMileage(db, car.id, mileage, today);
  return findCarOrThrow(db, car.id);
}
