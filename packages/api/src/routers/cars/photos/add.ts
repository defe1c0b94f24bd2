import { assertCarEditable } from '../../../domain/cars/policy';
import { findCar } from '../../../domain/cars/queries';
import { carOutput } from '../../../domain/cars/schemas';
import { idempotencyKeyHeaders } from '../../../domain/idempotency/idempotency';
import { type CarCheck, storeCarPhoto } from '../../../domain/photos/store-photo';
import { assertUploadSize } from '../../../domain/photos/upload-size';
import { errorResponses } from '../../../openapi-meta';
import { authedProcedure } from '../../../trpc';
import { addPhotoInput } from './schemas';

/**
 * Adds a photo to the end of a car's order. Over tRPC the input is a FormData; REST reaches
 * this same procedure through apps/server's multipart route, since the OpenAPI adapter only
 * takes JSON (so `enabled: false` here, and that route documents itself).
 */
export const add = authedProcedure
  .meta({
    idempotent: true,
    openapi: {
      enabled: false,
      method: 'POST',
      path: '/cars/{carId}/photos',
      tags: ['cars'],
      summary: 'Add a photo to a car (multipart/form-data, field `file`)',
      protect: true,
      requestHeaders: idempotencyKeyHeaders,
      errorResponses: errorResponses(401, 403, 404, 413),
    },
  })
  .input(addPhotoInput)
  .output(carOutput)
  .mutation(async ({ ctx, input }) => {
    const editable: CarCheck = (car) => assertCarEditable(ctx.auth.user, car);
    // Before any image work: nobody gets a decode slot for a car they may not change.
    editable(await findCar(ctx.db, input.carId));
    assertUploadSize(input.file.size, ctx.uploadMaxBytes);
    const bytes = new Uint8Array(await input.file.arrayBuffer());
    const upload = { carId: input.carId, bytes, altText: input.altText ?? null };
    return storeCarPhoto(ctx.db, ctx.storage, upload, editable, ctx.auth);
  });
