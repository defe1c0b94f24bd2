import type { CarStatus, Database } from '@carhub/db';
import { AppError } from '../../errors';
import { type Page, type PageRequest, paginate } from '../../pagination/keyset';
import { freeDuring } from '../bookings/availability';
import { countCarBookings } from '../bookings/queries';
import { type CarFilters, type CarRecord, carColumns, carFilterConditions } from '../cars/queries';
import type { CarOutput } from '../cars/schemas';
import { carHasSale } from '../sales/queries';
import { type StockSort, stockKeyset } from './schemas';

export interface StockFilters extends CarFilters {
  minPrice?: string | undefined;
  maxPrice?: string | undefined;
  fuelType?: CarOutput['fuelType'] | undefined;
  bodyType?: CarOutput['bodyType'] | undefined;
  transmission?: CarOutput['transmission'] | undefined;
  /** The statuses to list (the policy decides which the viewer may see). */
  statuses: readonly CarStatus[];
  /** Only cars with no pending/approved booking overlapping [from, to) (inventory.available). */
  freeDuring?: { from: Date; to: Date } | undefined;
}

export async function listStock(
  db: Database,
  filters: StockFilters,
  page: PageRequest<StockSort>,
): Promise<Page<CarRecord>> {
  if (filters.statuses.length === 0) return { items: [], nextCursor: null };
  const query = db
    .selectFrom('cars')
    .select(carColumns)
    .where('cars.ownerId', 'is', null)
    .where('cars.status', 'in', filters.statuses)
    .where((eb) => {
      const conditions = carFilterConditions(eb, filters);
      if (filters.minPrice !== undefined) conditions.push(eb('cars.price', '>=', filters.minPrice));
      if (filters.maxPrice !== undefined) conditions.push(eb('cars.price', '<=', filters.maxPrice));
      if (filters.fuelType) conditions.push(eb('cars.fuelType', '=', filters.fuelType));
      if (filters.bodyType) conditions.push(eb('cars.bodyType', '=', filters.bodyType));
      if (filters.transmission) conditions.push(eb('cars.transmission', '=', filters.transmission));
      if (filters.freeDuring) conditions.push(freeDuring(eb, filters.freeDuring));
      return eb.and(conditions);
    });
  return paginate(query, stockKeyset, page);
}

/**
 * Whether anything refers to this car that must outlive it: bookings of it and a sale of it.
 * Such a car is kept with status `removed` instead of being deleted (the bookings' ON DELETE
 * CASCADE would otherwise take their history with it).
 */
export async function carHasDependents(db: Database, carId: string): Promise<boolean> {
  return (await countCarBookings(db, carId)) > 0 || (await carHasSale(db, carId));
}

/**
 * A car with a sale on record stays `sold` (or `removed`): back on sale it would be offered,
 * test-driven and booked while it has a buyer, and a second sale is refused anyway.
 */
export async function assertStatusChangeAllowed(
  db: Database,
  carIds: readonly string[],
  status: CarStatus,
): Promise<void> {
  if (status === 'sold' || status === 'removed' || carIds.length === 0) return;
  const sold = await db.selectFrom('sales').select('sales.carId').where('sales.carId', 'in', carIds).execute();
  if (sold.length > 0) {
    const message = `Sold, with a sale on record: ${sold.map((s) => s.carId).join(', ')}. Such a car stays sold or is removed; no status was changed.`;
    throw new AppError('CONFLICT', message, { fieldErrors: { status: [message] } });
  }
}

/**
 * Sets the status of every listed stock car, or of none: one id that is unknown or not stock
 * refuses the whole request. Garage cars and unknown ids are refused alike, so the answer
 * says nothing about other people's cars. Call inside a transaction.
 */
/**
 * Locks stock cars by id, in setStockStatus's order (so two bulk changes can't deadlock), and
 * answers each one's status before the change.
 */
export async function lockStockStatuses(trx: Database, ids: readonly string[]): Promise<Map<string, CarStatus | null>> {
  const locked = await trx
    .selectFrom('cars')
    .select(['cars.id', 'cars.status'])
    .where('cars.id', 'in', ids)
    .orderBy('cars.id')
    .forUpdate()
    .execute();
  return new Map(locked.map((row) => [row.id, row.status]));
}

export async function setStockStatus(db: Database, ids: readonly string[], status: CarStatus): Promise<CarRecord[]> {
  const unique = [...new Set(ids)];
  const found = await db
    .selectFrom('cars')
    .select('cars.id')
    .where('cars.id', 'in', unique)
    .where('cars.ownerId', 'is', null)
    // Locked in one order, so two overlapping bulk updates wait for each other instead of deadlocking.
    .orderBy('cars.id')
    .forUpdate()
    .execute();
  const stock = new Set(found.map((row) => row.id));
  const missing = unique.filter((id) => !stock.has(id));
  if (missing.length > 0) {
    const message = `Not stock cars: ${missing.join(', ')}. No status was changed.`;
    throw new AppError('NOT_FOUND', message, { fieldErrors: { ids: [message] } });
  }
  await assertStatusChangeAllowed(db, unique, status);
  return db
    .updateTable('cars')
    .set({ status })
    .where('cars.id', 'in', unique)
    .where('cars.ownerId', 'is', null)
    .returning(carColumns)
    .execute();
}
