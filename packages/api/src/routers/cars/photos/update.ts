import { auditUnlessOwn } from '../../../domain/audit/audit';
import { assertCarEditable } from '../../../domain/cars/policy';
import { findCar, toCarOutput } from '../../../domain/cars/queries';
import { carOutput } from '../../../domain/cars/schemas';
import {
  listPhotos,
  makePrimary,
  movePhoto,
  photoAuditFacts,
  photoNotFound,
  setAltText,
} from '../../../domain/photos/queries';
import { AppError } from '../../../errors';
import { errorResponses } from '../../../openapi-meta';
import { authedProcedure } from '../../../trpc';
import { updatePhotoInput } from './schemas';

export const update = authedProcedure
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/cars/{carId}/photos/{photoId}',
      tags: ['cars'],
      summary: "Change a photo's alt text, place in the order, or make it the primary one",
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(updatePhotoInput)
  .output(carOutput)
  .mutation(({ ctx, input }) =>
    ctx.db.transaction().execute(async (trx) => {
      // The car row lock serialises every change to this car's photos.
      const car = await findCar(trx, input.carId, { forUpdate: true });
      assertCarEditable(ctx.auth.user, car);
      const photos = await listPhotos(trx, car.id);
      const photo = photos.find((p) => p.id === input.photoId);
      if (!photo) throw photoNotFound();
      if (input.altText !== undefined) await setAltText(trx, photo.id, input.altText);
      if (input.position !== undefined) {
        if (input.position >= photos.length) {
          const message = `Position must be from 0 to ${photos.length - 1}: the car has ${photos.length} photo(s).`;
          throw new AppError('BAD_REQUEST', message, { fieldErrors: { position: [message] } });
        }
        await movePhoto(trx, photo, input.position);
      }
      if (input.isPrimary) await makePrimary(trx, photo);
      const after = (await listPhotos(trx, car.id)).find((p) => p.id === photo.id);
      const entry = {
        action: 'update',
        entity: 'photo',
        entityId: photo.id,
        before: photoAuditFacts(photo),
        after: after && photoAuditFacts(after),
      } as const;
      await auditUnlessOwn(trx, ctx.auth, entry, [car.ownerId]);
      return toCarOutput(trx, ctx.storage, car);
    }),
  );
