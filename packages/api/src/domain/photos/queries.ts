import { type CarPhotoRow, compiledPerHandle, type Database, type NewCarPhotoRow } from '@carhub/db';
import { sql } from 'kysely';
import { AppError } from '../../errors';
import type { Storage } from '../../storage/storage';
import type { CarOutput } from '../cars/schemas';

type CarPhotoOutput = CarOutput['photos'][number];

/** The columns behind a photo answer and the rules on it; keys never leave the server. */
const photoColumns = [
  'carPhotos.id',
  'carPhotos.carId',
  'carPhotos.objectKey',
  'carPhotos.thumbnailKey',
  'carPhotos.altText',
  'carPhotos.position',
  'carPhotos.isPrimary',
] as const;

export type PhotoRecord = Pick<
  CarPhotoRow,
  'id' | 'carId' | 'objectKey' | 'thumbnailKey' | 'altText' | 'position' | 'isPrimary'
>;

export function photoNotFound(): AppError {
  return new AppError('NOT_FOUND', 'No such photo of this car.');
}

/** Where a photo's bytes go. The extension matters: the local driver serves by it. */
export function photoObjectKeys(carId: string, photoId: string, extension: string) {
  return {
    objectKey: `cars/${carId}/${photoId}.${extension}`,
    thumbnailKey: `cars/${carId}/${photoId}-thumb.${extension}`,
  };
}

// Every car answer runs this one (an array parameter, so one statement for any number of cars):
// compiled once, not rebuilt per request.
const photosOfCars = compiledPerHandle((db, value) =>
  db
    .selectFrom('carPhotos')
    .select(photoColumns)
    .where('carPhotos.carId', '=', (eb) => eb.fn.any(eb.val(value<string[]>('carIds'))))
    .orderBy('carPhotos.carId')
    .orderBy('carPhotos.position'),
);

/** Every car's photos in order, as answers with freshly signed URLs (URLs expire, so never stored). */
export async function photoOutputsByCar(
  db: Database,
  storage: Storage,
  carIds: readonly string[],
): Promise<Map<string, CarPhotoOutput[]>> {
  const byCar = new Map<string, CarPhotoOutput[]>();
  if (carIds.length === 0) return byCar;
  const rows = await photosOfCars(db, { carIds: [...new Set(carIds)] });
  const outputs = await Promise.all(
    rows.map(async (row) => ({
      carId: row.carId,
      photo: {
        id: row.id,
        url: await storage.url(row.objectKey),
        thumbnailUrl: await storage.url(row.thumbnailKey),
        altText: row.altText,
        position: row.position,
        isPrimary: row.isPrimary,
      },
    })),
  );
  for (const { carId, photo } of outputs) byCar.set(carId, [...(byCar.get(carId) ?? []), photo]);
  return byCar;
}

/** One car's photos in order. Call with the car row locked when the answer decides a write. */
export function listPhotos(db: Database, carId: string): Promise<PhotoRecord[]> {
  return db
    .selectFrom('carPhotos')
    .select(photoColumns)
    .where('carPhotos.carId', '=', carId)
    .orderBy('carPhotos.position')
    .execute();
}

/** The storage keys of a car's photos, for deleting the objects after the car's rows are gone. */
export async function photoKeysOfCar(db: Database, carId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('carPhotos')
    .select(['carPhotos.objectKey', 'carPhotos.thumbnailKey'])
    .where('carPhotos.carId', '=', carId)
    .execute();
  return rows.flatMap((row) => [row.objectKey, row.thumbnailKey]);
}

/** The storage keys of every photo in a user's garage (their cars go when the user does). */
export async function photoKeysOfGarage(db: Database, ownerId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('carPhotos')
    .innerJoin('cars', 'cars.id', 'carPhotos.carId')
    .select(['carPhotos.objectKey', 'carPhotos.thumbnailKey'])
    .where('cars.ownerId', '=', ownerId)
    .execute();
  return rows.flatMap((row) => [row.objectKey, row.thumbnailKey]);
}

/** Where a photo goes in the order is the database's business, not the caller's. */
export type NewPhoto = Omit<NewCarPhotoRow, 'position' | 'isPrimary' | 'createdAt'> & { id: string };

/** Appends a photo to the car's order; the first one becomes primary. Call with the car row locked. */
export async function appendPhoto(db: Database, photo: NewPhoto): Promise<PhotoRecord> {
  const existing = await listPhotos(db, photo.carId);
  return db
    .insertInto('carPhotos')
    .values({ ...photo, position: existing.length, isPrimary: !existing.some((p) => p.isPrimary) })
    .returning(photoColumns)
    .executeTakeFirstOrThrow();
}

/** What the audit log records of a photo: where it sits, not where its bytes are. */
export function photoAuditFacts(photo: PhotoRecord) {
  return { carId: photo.carId, altText: photo.altText, position: photo.position, isPrimary: photo.isPrimary };
}

/**
 * Moves a photo to `to`, shifting the ones in between by one. One UPDATE, so the deferrable
 * (car_id, position) constraint sees only the finished order.
 */
export async function movePhoto(db: Database, photo: PhotoRecord, to: number): Promise<void> {
  const from = photo.position;
  if (from === to) return;
  const shift = from < to ? -1 : 1;
  await db
    .updateTable('carPhotos')
    .set({
      position: sql<number>`case when id = ${photo.id} then ${to}::int else position + ${shift}::int end`,
    })
    .where('carPhotos.carId', '=', photo.carId)
    .where('carPhotos.position', '>=', Math.min(from, to))
    .where('carPhotos.position', '<=', Math.max(from, to))
    .execute();
}

/** Makes one photo the car's primary. Two statements: the partial unique index is checked row by row. */
export async function makePrimary(db: Database, photo: PhotoRecord): Promise<void> {
  if (photo.isPrimary) return;
  await db
    .updateTable('carPhotos')
    .set({ isPrimary: false })
    .where('carPhotos.carId', '=', photo.carId)
    .where('carPhotos.isPrimary', '=', true)
    .execute();
  await db.updateTable('carPhotos').set({ isPrimary: true }).where('carPhotos.id', '=', photo.id).execute();
}

export async function setAltText(db: Database, photoId: string, altText: string | null): Promise<void> {
  await db.updateTable('carPhotos').set({ altText }).where('carPhotos.id', '=', photoId).execute();
}

/**
 * Deletes a photo and closes the gap in the order; a deleted primary hands over to the photo
 * that followed it (or, if it was last, the one before). Call with the car row locked.
 * Returns the keys whose objects the caller deletes after the commit.
 */
export async function deletePhoto(db: Database, photo: PhotoRecord): Promise<string[]> {
  await db.deleteFrom('carPhotos').where('carPhotos.id', '=', photo.id).execute();
  await db
    .updateTable('carPhotos')
    .set({ position: sql<number>`position - 1` })
    .where('carPhotos.carId', '=', photo.carId)
    .where('carPhotos.position', '>', photo.position)
    .execute();
  if (photo.isPrimary) {
    const rest = await listPhotos(db, photo.carId);
    const next = rest[Math.min(photo.position, rest.length - 1)];
    if (next) await makePrimary(db, next);
  }
  return [photo.objectKey, photo.thumbnailKey];
}
