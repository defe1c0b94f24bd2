import { randomUUID } from 'node:crypto';
import type { Database } from '@carhub/db';
import type { Storage } from '../../storage/storage';
import { syncCarMileage } from './odometer/queries';

/**
 * A sale's copy of the stock car's history into the buyer's garage car: every odometer reading
 * and every service record with its attachments, as independent rows and objects (deleting
 * either car's leaves the other's whole). The dealership's costs stay behind: fill-ups are not
 * copied and a copied service has no cost. Call inside the sale's transaction with `fromCarId`
 * locked; every object key copied is pushed to `copiedKeys` at once, so the caller can delete
 * them if the transaction rolls back.
 */
export async function copyLogbook(
  trx: Database,
  storage: Storage,
  fromCarId: string,
  toCarId: string,
  copiedKeys: string[],
): Promise<void> {
  const readings = await trx
    .selectFrom('odometerReadings')
    .select(['id', 'at', 'km', 'note', 'source', 'createdAt'])
    .where('carId', '=', fromCarId)
    .orderBy('at')
    .orderBy('createdAt')
    .execute();
  const readingIds = new Map(readings.map((r) => [r.id, randomUUID()]));
  const services = await trx
    .selectFrom('serviceRecords')
    .select(['id', 'at', 'odometerKm', 'title', 'items', 'shop', 'notes', 'odometerReadingId'])
    .where('carId', '=', fromCarId)
    .execute();
  const serviceReadings = new Set(services.map((s) => s.odometerReadingId).filter(Boolean));
  if (readings.length > 0) {
    await trx
      .insertInto('odometerReadings')
      .values(
        readings.map((r) => ({
          id: readingIds.get(r.id) as string,
          carId: toCarId,
          at: r.at,
          km: r.km,
          note: r.note,
          // A service's reading stays the copied service's; the rest are the sale's copies.
          source: serviceReadings.has(r.id) ? ('service' as const) : ('sale' as const),
          createdAt: r.createdAt,
        })),
      )
      .execute();
  }
  const serviceIds = new Map(services.map((s) => [s.id, randomUUID()]));
  if (services.length > 0) {
    await trx
      .insertInto('serviceRecords')
      .values(
        services.map((s) => ({
          id: serviceIds.get(s.id) as string,
          carId: toCarId,
          at: s.at,
          odometerKm: s.odometerKm,
          title: s.title,
          items: s.items,
          cost: null,
          shop: s.shop,
          notes: s.notes,
          odometerReadingId: s.odometerReadingId ? (readingIds.get(s.odometerReadingId) ?? null) : null,
        })),
      )
      .execute();
  }
  const attachments = await trx
    .selectFrom('serviceAttachments')
    .select(['serviceId', 'objectKey', 'name', 'contentType', 'size', 'createdAt'])
    .where('carId', '=', fromCarId)
    .execute();
  const copies = [];
  for (const a of attachments) {
    const id = randomUUID();
    const serviceId = serviceIds.get(a.serviceId) as string;
    const key = `cars/${toCarId}/services/${serviceId}/${id}.${a.objectKey.split('.').at(-1) ?? 'bin'}`;
    // An attachment whose object is gone from the store is left out rather than failing the sale.
    if (!(await storage.copy(a.objectKey, key))) continue;
    copiedKeys.push(key);
    copies.push({ ...a, id, serviceId, carId: toCarId, objectKey: key });
  }
  if (copies.length > 0) await trx.insertInto('serviceAttachments').values(copies).execute();
  await syncCarMileage(trx, toCarId);
}
