import type { Database } from '@carhub/db';
import type { Auth } from '../../context';
import { auditUnlessOwn } from '../audit/audit';
import { withMileageReading } from '../logbook/odometer/car-mileage';
import { assertGarageCarAccess } from './policy';
import {
  type CarChanges,
  type CarRecord,
  type CarValues,
  deleteCarRow,
  findCar,
  insertCar,
  updateCar,
} from './queries';

/**
 * The garage's writes, for both ways in: cars.* (the caller's garage; an admin reaches any
 * garage car) and admin.users.cars.* (the garage of the user in the path, `garageOwnerId`).
 * One copy of the rules. A change to somebody else's garage is an admin's act: it is audited.
 * Call inside a transaction.
 */

type GarageCarValues = Omit<CarValues, 'ownerId' | 'price' | 'status'>;

export async function addGarageCar(
  trx: Database,
  auth: Auth,
  ownerId: string,
  values: GarageCarValues,
  /** The date a given mileage is read on (logbookToday). */
  today: string,
): Promise<CarRecord> {
  const car = await withMileageReading(trx, await insertCar(trx, { ...values, ownerId }), values.mileage, today);
  await auditUnlessOwn(trx, auth, { action: 'create', entity: 'car', entityId: car.id, after: car }, [ownerId]);
  return car;
}

export async function changeGarageCar(
  trx: Database,
  auth: Auth,
  id: string,
  changes: Omit<CarChanges, 'price' | 'status'>,
  today: string,
  garageOwnerId?: string,
): Promise<CarRecord> {
  const before = await findCar(trx, id, { forUpdate: true });
  assertGarageCarAccess(auth.user, before, garageOwnerId);
  const after = await withMileageReading(trx, await updateCar(trx, id, changes), changes.mileage, today);
  await auditUnlessOwn(trx, auth, { action: 'update', entity: 'car', entityId: id, before, after }, [before.ownerId]);
  return after;
}

export async function removeGarageCar(
  trx: Database,
  auth: Auth,
  id: string,
  garageOwnerId?: string,
): Promise<{ id: string; outcome: 'deleted'; photoKeys: string[] }> {
  const before = await findCar(trx, id, { forUpdate: true });
  assertGarageCarAccess(auth.user, before, garageOwnerId);
  const photoKeys = await deleteCarRow(trx, id);
  await auditUnlessOwn(trx, auth, { action: 'delete', entity: 'car', entityId: id, before }, [before.ownerId]);
  // The caller deletes these objects once the transaction has committed.
  return { id, outcome: 'deleted', photoKeys };
}
