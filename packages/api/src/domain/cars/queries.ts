import { compiledPerHandle, type Database, type DB, isPgError, type NewCarRow, PgErrorCode } from '@carhub/db';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { AppError } from '../../errors';
import { type KeysetSort, type Page, type PageRequest, paginate } from '../../pagination/keyset';
import type { Storage } from '../../storage/storage';
import { freeDuring } from '../bookings/availability';
import { definedFields, type WithUndefined } from '../defined-fields';
import { attachmentKeysOf } from '../logbook/services/attachment-keys';
import { photoKeysOfCar, photoOutputsByCar } from '../photos/queries';
import { normalizePlate } from './plate';
import { type CarOutput, garageKeyset } from './schemas';

/** The columns behind `carOutput`; every query that answers with a car selects these. */
export const carColumns = [
  'cars.id',
  'cars.ownerId',
  'cars.make',
  'cars.model',
  'cars.year',
  'cars.color',
  'cars.licensePlate',
  'cars.vin',
  'cars.mileage',
  'cars.notes',
  'cars.fuelType',
  'cars.bodyType',
  'cars.transmission',
  'cars.price',
  'cars.status',
  'cars.createdAt',
  'cars.updatedAt',
] as const;

/** A car as the queries return it: `toCarOutputs` adds its photos to make the answer. */
export type CarRecord = Omit<CarOutput, 'imageUrl' | 'photos'>;

/**
 * The one place rows become answers: each car gets its photos in order, with freshly signed
 * URLs, and the primary one's URL as imageUrl. One query for all the cars, so a page of 100
 * costs what one car costs.
 */
export async function toCarOutputs(db: Database, storage: Storage, rows: readonly CarRecord[]): Promise<CarOutput[]> {
  const photos = await photoOutputsByCar(
    db,
    storage,
    rows.map((row) => row.id),
  );
  return rows.map((row) => {
    const list = photos.get(row.id) ?? [];
    return { ...row, imageUrl: list.find((photo) => photo.isPrimary)?.url ?? null, photos: list };
  });
}

export async function toCarOutput(db: Database, storage: Storage, row: CarRecord): Promise<CarOutput> {
  const [car] = await toCarOutputs(db, storage, [row]);
  if (!car) throw new Error('toCarOutputs lost a car');
  return car;
}

/** A page of cars as answers (see toCarOutputs). */
export async function toCarPage(db: Database, storage: Storage, page: Page<CarRecord>): Promise<Page<CarOutput>> {
  return { items: await toCarOutputs(db, storage, page.items), nextCursor: page.nextCursor };
}

/** What callers write; the normalised plate is derived here, never passed in. */
export type CarValues = WithUndefined<Omit<NewCarRow, 'id' | 'plateNormalized' | 'createdAt' | 'updatedAt'>>;
export type CarChanges = WithUndefined<Partial<Omit<CarValues, 'ownerId'>>>;

function withNormalizedPlate<T extends { licensePlate?: string | null | undefined }>(values: T) {
  if (values.licensePlate === undefined) return values;
  return {
    ...values,
    plateNormalized: values.licensePlate === null ? null : normalizePlate(values.licensePlate),
  };
}

// Keyed by the unique indexes of migration 0005. The messages speak of the caller's own garage
// or of stock, never of another garage: plates and VINs are unique within one garage only.
const conflictsByIndex: Record<string, { field: 'licensePlate' | 'vin'; message: string }> = {
  cars_garage_plate_key: { field: 'licensePlate', message: 'You already have a car with this licence plate.' },
  cars_stock_plate_key: { field: 'licensePlate', message: 'Stock already has a car with this licence plate.' },
  cars_garage_vin_key: { field: 'vin', message: 'You already have a car with this VIN.' },
  cars_stock_vin_key: { field: 'vin', message: 'Stock already has a car with this VIN.' },
};

export function carConflictFromUniqueViolation(error: unknown): never {
  if (isPgError(error, PgErrorCode.uniqueViolation)) {
    const conflict = error.constraint ? conflictsByIndex[error.constraint] : undefined;
    if (conflict) {
      throw new AppError('CONFLICT', conflict.message, { fieldErrors: { [conflict.field]: [conflict.message] } });
    }
  }
  throw error;
}

export async function insertCar(db: Database, values: CarValues): Promise<CarRecord> {
  try {
    return await db
      .insertInto('cars')
      .values(withNormalizedPlate(values))
      .returning(carColumns)
      .executeTakeFirstOrThrow();
  } catch (error) {
    carConflictFromUniqueViolation(error);
  }
}

/**
 * One car by id, whoever owns it: the caller applies the policy. `forUpdate` locks the row for
 * a change to it; `forNoKeyUpdate` queues the caller behind other such lockers and behind a
 * change in progress (a sale), whose result it then reads, while foreign-key checks against
 * the car (KEY SHARE) go through.
 */
export async function findCar(
  db: Database,
  id: string,
  options: { forUpdate?: boolean; forNoKeyUpdate?: boolean } = {},
): Promise<CarRecord | undefined> {
  if (!options.forUpdate && !options.forNoKeyUpdate) return (await carById(db, { id }))[0];
  let query = db.selectFrom('cars').select(carColumns).where('cars.id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  else if (options.forNoKeyUpdate) query = query.forNoKeyUpdate();
  return query.executeTakeFirst();
}

// Behind every car answer by id: compiled once, not rebuilt per request.
const carById = compiledPerHandle((db, value) =>
  db.selectFrom('cars').select(carColumns).where('cars.id', '=', value<string>('id')),
);

/** A car that must exist (the caller holds its row). */
export async function findCarOrThrow(db: Database, id: string): Promise<CarRecord> {
  return db.selectFrom('cars').select(carColumns).where('cars.id', '=', id).executeTakeFirstOrThrow();
}

export async function updateCar(db: Database, id: string, changes: CarChanges): Promise<CarRecord> {
  const set = definedFields(withNormalizedPlate(changes));
  if (Object.keys(set).length === 0) return findCarOrThrow(db, id);
  try {
    return await db
      .updateTable('cars')
      .set(set)
      .where('cars.id', '=', id)
      .returning(carColumns)
      .executeTakeFirstOrThrow();
  } catch (error) {
    carConflictFromUniqueViolation(error);
  }
}

/**
 * Deletes a car (its photo and logbook rows go by cascade) and returns the storage keys of its
 * photos and service attachments:
 * the caller deletes those objects once the transaction has committed.
 */
export async function deleteCarRow(db: Database, id: string): Promise<string[]> {
  const keys = [...(await photoKeysOfCar(db, id)), ...(await attachmentKeysOf(db, { carId: id }))];
  await db.deleteFrom('cars').where('cars.id', '=', id).execute();
  return keys;
}

/** Filters the garage and the catalogue share. */
export interface CarFilters {
  make?: string | undefined;
  model?: string | undefined;
  minYear?: number | undefined;
  maxYear?: number | undefined;
  /** Words that must each appear in make, model, colour or VIN. */
  q?: string | undefined;
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** SQL conditions for CarFilters: make and model match whole, case-insensitively; q matches parts. */
export function carFilterConditions(eb: ExpressionBuilder<DB, 'cars'>, filters: CarFilters): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  // lower() on both sides, so the comparison is the one the (lower(make), price, id) index holds.
  if (filters.make !== undefined) {
    conditions.push(eb(eb.fn('lower', ['cars.make']), '=', eb.fn('lower', [eb.val(filters.make)])));
  }
  if (filters.model !== undefined) {
    conditions.push(eb(eb.fn('lower', ['cars.model']), '=', eb.fn('lower', [eb.val(filters.model)])));
  }
  if (filters.minYear !== undefined) conditions.push(eb('cars.year', '>=', filters.minYear));
  if (filters.maxYear !== undefined) conditions.push(eb('cars.year', '<=', filters.maxYear));
  // ILIKE '%word%' is answered by the trigram index on search_text (words of 3+ characters).
  for (const word of (filters.q ?? '').split(/\s+/).filter(Boolean).slice(0, 8)) {
    conditions.push(eb('cars.searchText', 'ilike', `%${escapeLike(word)}%`));
  }
  return conditions;
}

export async function listGarageCars(
  db: Database,
  ownerId: string,
  filters: CarFilters & { freeDuring?: { from: Date; to: Date } | undefined },
  page: PageRequest<KeysetSort<typeof garageKeyset>>,
): Promise<Page<CarRecord>> {
  const query = db
    .selectFrom('cars')
    .select(carColumns)
    .where('cars.ownerId', '=', ownerId)
    .where((eb) => {
      const conditions = carFilterConditions(eb, filters);
      if (filters.freeDuring) conditions.push(freeDuring(eb, filters.freeDuring));
      return eb.and(conditions);
    });
  return paginate(query, garageKeyset, page);
}
