import type { Database } from '@carhub/db';
import { AppError } from '../../../errors';
import { type KeysetSort, type Page, type PageRequest, paginate } from '../../../pagination/keyset';
import { definedFields, type WithUndefined } from '../../defined-fields';
import { syncEntryReading } from '../odometer/entry-reading';
import type { FillUp } from './consumption';
import { type FuelEntryOutput, fuelKeyset } from './schemas';

export const fuelColumns = [
  'fuelEntries.id',
  'fuelEntries.carId',
  'fuelEntries.at',
  'fuelEntries.odometerKm',
  'fuelEntries.liters',
  'fuelEntries.totalCost',
  'fuelEntries.fullTank',
  'fuelEntries.missedPrevious',
  'fuelEntries.station',
  'fuelEntries.notes',
  'fuelEntries.createdAt',
  'fuelEntries.updatedAt',
] as const;

export function fuelEntryNotFound(): AppError {
  return new AppError('NOT_FOUND', 'No such fill-up of this car.');
}

export interface FuelValues {
  at: string;
  odometerKm: number;
  liters: string;
  totalCost: string;
  fullTank: boolean;
  missedPrevious: boolean;
  station: string | null;
  notes: string | null;
}

/** A fill-up and the reading it adds (in order, or a 400 naming the neighbour). Car row locked. */
export async function insertFuelEntry(db: Database, carId: string, values: FuelValues): Promise<FuelEntryOutput> {
  const readingId = await syncEntryReading(db, carId, null, { at: values.at, km: values.odometerKm }, 'fuel');
  return db
    .insertInto('fuelEntries')
    .values({ ...values, carId, odometerReadingId: readingId })
    .returning(fuelColumns)
    .executeTakeFirstOrThrow();
}

async function findFuelRow(db: Database, carId: string, id: string) {
  return db
    .selectFrom('fuelEntries')
    .select([...fuelColumns, 'fuelEntries.odometerReadingId'])
    .where('fuelEntries.carId', '=', carId)
    .where('fuelEntries.id', '=', id)
    .executeTakeFirst();
}

export async function updateFuelEntry(
  db: Database,
  carId: string,
  id: string,
  changes: WithUndefined<Partial<FuelValues>>,
): Promise<FuelEntryOutput> {
  const before = await findFuelRow(db, carId, id);
  if (!before) throw fuelEntryNotFound();
  const at = changes.at ?? before.at;
  const km = changes.odometerKm ?? before.odometerKm;
  const readingId = await syncEntryReading(db, carId, before.odometerReadingId, { at, km }, 'fuel');
  const set = definedFields(changes);
  return db
    .updateTable('fuelEntries')
    .set({ ...set, odometerReadingId: readingId })
    .where('id', '=', id)
    .returning(fuelColumns)
    .executeTakeFirstOrThrow();
}

/** Deletes a fill-up and the reading it added. Car row locked. */
export async function deleteFuelEntry(db: Database, carId: string, id: string): Promise<void> {
  const before = await findFuelRow(db, carId, id);
  if (!before) throw fuelEntryNotFound();
  await db.deleteFrom('fuelEntries').where('id', '=', id).execute();
  await syncEntryReading(db, carId, before.odometerReadingId, null, 'fuel');
}

export function listFuelEntries(
  db: Database,
  carId: string,
  period: { from?: string | undefined; to?: string | undefined },
  page: PageRequest<KeysetSort<typeof fuelKeyset>>,
): Promise<Page<FuelEntryOutput>> {
  const query = db
    .selectFrom('fuelEntries')
    .select(fuelColumns)
    .where('fuelEntries.carId', '=', carId)
    .$if(Boolean(period.from), (q) => q.where('fuelEntries.at', '>=', period.from as string))
    .$if(Boolean(period.to), (q) => q.where('fuelEntries.at', '<', period.to as string));
  return paginate(query, fuelKeyset, page);
}

/** Every fill-up dated before `to` (all when none), as the consumption maths reads them. */
export function fillUpsBefore(db: Database, carId: string, to: string | undefined): Promise<FillUp[]> {
  return db
    .selectFrom('fuelEntries')
    .select([
      'fuelEntries.at',
      'fuelEntries.odometerKm',
      'fuelEntries.liters',
      'fuelEntries.totalCost',
      'fuelEntries.fullTank',
      'fuelEntries.missedPrevious',
    ])
    .where('fuelEntries.carId', '=', carId)
    .$if(Boolean(to), (q) => q.where('fuelEntries.at', '<', to as string))
    .orderBy('fuelEntries.odometerKm')
    .orderBy('fuelEntries.at')
    .execute();
}
