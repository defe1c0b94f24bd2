import type { Database } from '@carhub/db';
import { sql } from 'kysely';
import { AppError } from '../../../errors';
import { type KeysetSort, type Page, type PageRequest, paginate } from '../../../pagination/keyset';
import { type DatedKm, readingOrderProblem } from './reading-order';
import { odometerKeyset } from './schemas';

export type ReadingSource = 'manual' | 'car' | 'fuel' | 'service' | 'sale';

export const readingColumns = [
  'odometerReadings.id',
  'odometerReadings.at',
  'odometerReadings.km',
  'odometerReadings.note',
  'odometerReadings.source',
] as const;

export interface ReadingRecord {
  id: string;
  at: string;
  km: number;
  note: string | null;
  source: ReadingSource;
}

export function readingNotFound(): AppError {
  return new AppError('NOT_FOUND', 'No such odometer reading of this car.');
}

/**
 * Refuses (400, naming the neighbour) a reading out of order with the car's others; `exceptId`
 * leaves out the reading being changed. Call with the car row locked.
 */
export async function assertReadingInOrder(
  db: Database,
  carId: string,
  candidate: DatedKm,
  options: { exceptId?: string | null; field?: string } = {},
): Promise<void> {
  const base = db
    .selectFrom('odometerReadings')
    .select(['odometerReadings.at', 'odometerReadings.km'])
    .where('odometerReadings.carId', '=', carId)
    .$if(Boolean(options.exceptId), (q) => q.where('odometerReadings.id', '!=', options.exceptId as string));
  // The closest neighbour when several tie on km, so the message names the nearest date.
  const [earlier, later] = await Promise.all([
    base
      .where('odometerReadings.at', '<', candidate.at)
      .orderBy('odometerReadings.km', 'desc')
      .orderBy('odometerReadings.at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    base
      .where('odometerReadings.at', '>', candidate.at)
      .orderBy('odometerReadings.km', 'asc')
      .orderBy('odometerReadings.at', 'asc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  const problem = readingOrderProblem(candidate, { earlier: earlier ?? null, later: later ?? null });
  if (problem) {
    throw new AppError('BAD_REQUEST', problem, { fieldErrors: { [options.field ?? 'km']: [problem] } });
  }
}

/**
 * The car's mileage becomes its latest reading: the latest date, and on one date the reading
 * entered last. A car with no readings keeps the mileage it has. Call with the car row locked.
 */
export async function syncCarMileage(db: Database, carId: string): Promise<void> {
  await db
    .updateTable('cars')
    .set({
      mileage: sql<number>`(select r.km from odometer_readings r where r.car_id = cars.id
        order by r.at desc, r.created_at desc, r.id desc limit 1)`,
    })
    .where('cars.id', '=', carId)
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('odometerReadings').select('odometerReadings.id').where('odometerReadings.carId', '=', carId)),
    )
    .execute();
}

export interface NewReading {
  carId: string;
  at: string;
  km: number;
  note?: string | null;
  source: ReadingSource;
}

/** Adds a reading in order with the others and moves the car's mileage. Call with the car row locked. */
export async function addReading(db: Database, reading: NewReading, field?: string): Promise<ReadingRecord> {
  await assertReadingInOrder(db, reading.carId, reading, field ? { field } : {});
  const row = await db
    .insertInto('odometerReadings')
    .values({
      carId: reading.carId,
      at: reading.at,
      km: reading.km,
      note: reading.note ?? null,
      source: reading.source,
    })
    .returning(readingColumns)
    .executeTakeFirstOrThrow();
  await syncCarMileage(db, reading.carId);
  return row;
}

/** Moves a reading (an entry's odometer value changed). Call with the car row locked. */
export async function changeReading(
  db: Database,
  carId: string,
  id: string,
  values: DatedKm,
  field?: string,
): Promise<void> {
  await assertReadingInOrder(db, carId, values, { exceptId: id, ...(field ? { field } : {}) });
  await db.updateTable('odometerReadings').set(values).where('id', '=', id).where('carId', '=', carId).execute();
  await syncCarMileage(db, carId);
}

export async function deleteReading(db: Database, carId: string, id: string): Promise<void> {
  await db.deleteFrom('odometerReadings').where('id', '=', id).where('carId', '=', carId).execute();
  await syncCarMileage(db, carId);
}

/**
 * A mileage given as a plain number (cars.update, inventory.create/update, a new car) becomes
 * a reading of today, so the history is never lost. Call with the car row locked.
 */
export async function recordCarMileage(db: Database, carId: string, km: number, today: string): Promise<void> {
  await addReading(db, { carId, at: today, km, source: 'car' }, 'mileage');
}

export function findReading(db: Database, carId: string, id: string): Promise<ReadingRecord | undefined> {
  return db
    .selectFrom('odometerReadings')
    .select(readingColumns)
    .where('odometerReadings.carId', '=', carId)
    .where('odometerReadings.id', '=', id)
    .executeTakeFirst();
}

export function listReadings(
  db: Database,
  carId: string,
  period: { from?: string | undefined; to?: string | undefined },
  page: PageRequest<KeysetSort<typeof odometerKeyset>>,
): Promise<Page<ReadingRecord>> {
  const query = db
    .selectFrom('odometerReadings')
    .select(readingColumns)
    .where('odometerReadings.carId', '=', carId)
    .$if(Boolean(period.from), (q) => q.where('odometerReadings.at', '>=', period.from as string))
    .$if(Boolean(period.to), (q) => q.where('odometerReadings.at', '<', period.to as string));
  return paginate(query, odometerKeyset, page);
}

/** Every reading of a car in date order (a sale's copy, the CSV export). */
export function allReadings(db: Database, carId: string): Promise<(ReadingRecord & { createdAt: Date })[]> {
  return db
    .selectFrom('odometerReadings')
    .select([...readingColumns, 'odometerReadings.createdAt'])
    .where('odometerReadings.carId', '=', carId)
    .orderBy('odometerReadings.at')
    .orderBy('odometerReadings.createdAt')
    .orderBy('odometerReadings.id')
    .execute();
}
