import { randomUUID } from 'node:crypto';
import type { Database } from '@carhub/db';
import type { Storage } from '../../storage/storage';
import { photoObjectKeys } from './queries';

/**
 * Copies a car's photos to another car (a sale's copy in the buyer's garage): the objects
 * first, under the new car's keys, then the rows, in the same order with the same primary.
 * A photo whose object is gone from the store is skipped rather than failing the whole copy.
 * Call inside the transaction that created `toCarId`, with `fromCarId` locked. Every key copied
 * is pushed to `copiedKeys` as soon as it exists, so the caller can delete them if that
 * transaction rolls back.
 */
export async function copyCarPhotos(
  trx: Database,
  storage: Storage,
  fromCarId: string,
  toCarId: string,
  copiedKeys: string[],
): Promise<void> {
  const photos = await trx
    .selectFrom('carPhotos')
    .select(['objectKey', 'thumbnailKey', 'contentType', 'width', 'height', 'altText', 'isPrimary'])
    .where('carId', '=', fromCarId)
    .orderBy('position')
    .execute();
  const copies = [];
  for (const photo of photos) {
    const id = randomUUID();
    const keys = photoObjectKeys(toCarId, id, photo.objectKey.split('.').at(-1) ?? 'webp');
    const main = await storage.copy(photo.objectKey, keys.objectKey);
    if (main) copiedKeys.push(keys.objectKey);
    const thumbnail = main && (await storage.copy(photo.thumbnailKey, keys.thumbnailKey));
    if (!thumbnail) {
      if (main) await storage.delete(keys.objectKey);
      continue;
    }
    copiedKeys.push(keys.thumbnailKey);
    copies.push({ ...photo, id, carId: toCarId, ...keys });
  }
  if (copies.length === 0) return;
  // The primary stays primary; if its object was missing, the first copy takes over.
  const primary = Math.max(
    0,
    copies.findIndex((photo) => photo.isPrimary),
  );
  await trx
    .insertInto('carPhotos')
    .values(copies.map((photo, position) => ({ ...photo, position, isPrimary: position === primary })))
    .execute();
}
