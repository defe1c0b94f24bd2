import { randomUUID } from 'node:crypto';
import type { Database } from '@carhub/db';
import type { Auth } from '../../context';
import type { Storage } from '../../storage/storage';
import { auditUnlessOwn } from '../audit/audit';
import { type CarRecord, findCar, toCarOutput } from '../cars/queries';
import type { CarOutput } from '../cars/schemas';
import { processUpload } from './process-upload';
import { appendPhoto, photoAuditFacts, photoObjectKeys } from './queries';

/** Refuses a car (throws) unless the photo may go on it; checked again with the car row locked. */
export type CarCheck = (car: CarRecord | undefined) => asserts car is CarRecord;

export interface PhotoUpload {
  carId: string;
  /** Untrusted bytes, already bounded in size (assertUploadSize). */
  bytes: Uint8Array;
  altText: string | null;
}

/**
 * Cleans an upload (processUpload), stores the photo and its thumbnail, and appends the photo
 * to the car: what cars.photos.add and the demo seed both do. The row is prepared first (car
 * locked and checked, photo inserted), the objects are written inside that transaction, and it
 * commits last: a refused upload writes nothing, a committed row always has its objects, and
 * a crash before the commit leaves at most objects no row references, which the storage
 * janitor removes once they are an hour old. If a put or a statement fails, the objects go.
 */
export async function storeCarPhoto(
  db: Database,
  storage: Storage,
  upload: PhotoUpload,
  check: CarCheck,
  /** The uploader, when a person (not the demo seed) adds it: their act on others' cars is audited. */
  auth?: Pick<Auth, 'user'>,
): Promise<CarOutput> {
  const image = await processUpload(upload.bytes);
  const photoId = randomUUID();
  const keys = photoObjectKeys(upload.carId, photoId, image.main.extension);
  // Once the commit is under way its outcome may be unknown (a dropped connection): the objects
  // then stay, for the janitor to judge against what the database holds.
  let committing = false;
  try {
    return await db.transaction().execute(async (trx) => {
      // The car may have gone or changed hands while the image was processed.
      const car = await findCar(trx, upload.carId, { forUpdate: true });
      check(car);
      const photo = await appendPhoto(trx, {
        id: photoId,
        carId: car.id,
        ...keys,
        contentType: image.main.contentType,
        width: image.main.width,
        height: image.main.height,
        altText: upload.altText,
      });
      if (auth) {
        const entry = { action: 'create', entity: 'photo', entityId: photoId, after: photoAuditFacts(photo) } as const;
        await auditUnlessOwn(trx, auth, entry, [car.ownerId]);
      }
      await storage.put(keys.objectKey, image.main.bytes, image.main.contentType);
      await storage.put(keys.thumbnailKey, image.thumbnail.bytes, image.thumbnail.contentType);
      const output = await toCarOutput(trx, storage, car);
      committing = true;
      return output;
    });
  } catch (error) {
    // The caller must see the original error; a leftover object would only cost space.
    if (!committing) await storage.deleteMany([keys.objectKey, keys.thumbnailKey]).catch(() => undefined);
    throw error;
  }
}
