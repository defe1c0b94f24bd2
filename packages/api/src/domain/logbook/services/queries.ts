import type { Database } from '@carhub/db';
import { AppError } from '../../../errors';
import { type KeysetSort, type Page, type PageRequest, paginate } from '../../../pagination/keyset';
import { definedFields, type WithUndefined } from '../../defined-fields';
import { syncEntryReading } from '../odometer/entry-reading';
import { type ServiceOutput, serviceKeyset } from './schemas';

export const serviceColumns = [
  'serviceRecords.id',
  'serviceRecords.carId',
  'serviceRecords.at',
  'serviceRecords.odometerKm',
  'serviceRecords.title',
  'serviceRecords.items',
  'serviceRecords.cost',
  'serviceRecords.shop',
  'serviceRecords.notes',
  'serviceRecords.createdAt',
  'serviceRecords.updatedAt',
] as const;

export type ServiceRecord = Omit<ServiceOutput, 'attachments'>;

export function serviceNotFound(): AppError {
  return new AppError('NOT_FOUND', 'No such service record of this car.');
}

export interface ServiceValues {
  at: string;
  odometerKm: number | null;
  title: string;
  items: string[];
  cost: string | null;
  shop: string | null;
  notes: string | null;
}

const reading = (values: { at: string; odometerKm: number | null }) =>
  values.odometerKm === null ? null : { at: values.at, km: values.odometerKm };

/** A service record, and the reading its odometer value adds (if it has one). Car row locked. */
export async function insertService(db: Database, carId: string, values: ServiceValues): Promise<ServiceRecord> {
  const readingId = await syncEntryReading(db, carId, null, reading(values), 'service');
  return db
    .insertInto('serviceRecords')
    .values({ ...values, carId, odometerReadingId: readingId })
    .returning(serviceColumns)
    .executeTakeFirstOrThrow();
}

export async function findService(db: Database, carId: string, id: string) {
  return db
    .selectFrom('serviceRecords')
    .select([...serviceColumns, 'serviceRecords.odometerReadingId'])
    .where('serviceRecords.carId', '=', carId)
    .where('serviceRecords.id', '=', id)
    .executeTakeFirst();
}

export async function updateService(
  db: Database,
  carId: string,
  id: string,
  changes: WithUndefined<Partial<ServiceValues>>,
): Promise<ServiceRecord> {
  const before = await findService(db, carId, id);
  if (!before) throw serviceNotFound();
  const next = {
    at: changes.at ?? before.at,
    odometerKm: changes.odometerKm === undefined ? before.odometerKm : changes.odometerKm,
  };
  const readingId = await syncEntryReading(db, carId, before.odometerReadingId, reading(next), 'service');
  const set = definedFields(changes);
  return db
    .updateTable('serviceRecords')
    .set({ ...set, odometerReadingId: readingId })
    .where('id', '=', id)
    .returning(serviceColumns)
    .executeTakeFirstOrThrow();
}

/**
 * Deletes a service record, its reading and its attachment rows; returns the attachments'
 * storage keys, for the caller to delete once the transaction has committed. Car row locked.
 */
export async function deleteService(db: Database, carId: string, id: string): Promise<string[]> {
  const before = await findService(db, carId, id);
  if (!before) throw serviceNotFound();
  const keys = await db.selectFrom('serviceAttachments').select('objectKey').where('serviceId', '=', id).execute();
  await db.deleteFrom('serviceRecords').where('id', '=', id).execute();
  await syncEntryReading(db, carId, before.odometerReadingId, null, 'service');
  return keys.map((row) => row.objectKey);
}

export function listServices(
  db: Database,
  carId: string,
  period: { from?: string | undefined; to?: string | undefined },
  page: PageRequest<KeysetSort<typeof serviceKeyset>>,
): Promise<Page<ServiceRecord>> {
  const query = db
    .selectFrom('serviceRecords')
    .select(serviceColumns)
    .where('serviceRecords.carId', '=', carId)
    .$if(Boolean(period.from), (q) => q.where('serviceRecords.at', '>=', period.from as string))
    .$if(Boolean(period.to), (q) => q.where('serviceRecords.at', '<', period.to as string));
  return paginate(query, serviceKeyset, page);
}
