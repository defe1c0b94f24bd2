import { auditUnlessOwn } from '../../../domain/audit/audit';
import { assertCarEditable } from '../../../domain/cars/policy';
import { findCar, toCarOutput } from '../../../domain/cars/queries';
import { carOutput } from '../../../domain/cars/schemas';
import { deletePhoto, listPhotos, photoAuditFacts, photoNotFound } from '../../../domain/photos/queries';
import { errorResponses } from '../../../openapi-meta';
import { authedProcedure } from '../../../trpc';
import { removePhotoInput } from './schemas';

export const remove = authedProcedure
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/cars/{carId}/photos/{photoId}',
      tags: ['cars'],
      summary: 'Delete a photo (a deleted primary hands over to the next photo)',
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(removePhotoInput)
  .output(carOutput)
  .mutation(async ({ ctx, input }) => {
    const { answer, keys } = await ctx.db.transaction().execute(async (trx) => {
      const car = await findCar(trx, input.carId, { forUpdate: true });
      assertCarEditable(ctx.auth.user, car);
      const photo = (await listPhotos(trx, car.id)).find((p) => p.id === input.photoId);
      if (!photo) throw photoNotFound();
      const keys = await deletePhoto(trx, photo);
      const entry = { action: 'delete', entity: 'photo', entityId: photo.id, before: photoAuditFacts(photo) } as const;
      await auditUnlessOwn(trx, ctx.auth, entry, [car.ownerId]);
      return { answer: await toCarOutput(trx, ctx.storage, car), keys };
    });
    // Only once the row is gone for good: a rolled-back delete still has its object.
    await ctx.storage.deleteMany(keys);
    return answer;
  });
