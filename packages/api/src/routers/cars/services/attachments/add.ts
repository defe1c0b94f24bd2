import { logbookCar } from '../../../../domain/logbook/logbook-access';
import { storeAttachment } from '../../../../domain/logbook/services/attachments';
import { findService, serviceNotFound } from '../../../../domain/logbook/services/queries';
import { serviceOutput } from '../../../../domain/logbook/services/schemas';
import { assertUploadSize } from '../../../../domain/photos/upload-size';
import { errorResponses } from '../../../../openapi-meta';
import { authedProcedure } from '../../../../trpc';
import { addAttachmentInput } from './schemas';

/**
 * Attaches a PDF, JPEG, PNG or WebP (judged by its bytes, at most UPLOAD_MAX_BYTES) to a
 * service record. REST reaches it through apps/server's multipart route (the OpenAPI adapter
 * only takes JSON), which documents itself.
 */
export const add = authedProcedure
  .meta({
    openapi: {
      enabled: false,
      method: 'POST',
      path: '/cars/{carId}/services/{entryId}/attachments',
      tags: ['cars'],
      summary: 'Attach a receipt or photo to a service record (multipart/form-data, field `file`)',
      protect: true,
      errorResponses: errorResponses(401, 403, 404, 413),
    },
  })
  .input(addAttachmentInput)
  .output(serviceOutput)
  .mutation(async ({ ctx, input }) => {
    // Before any work on the bytes: nobody gets a decode slot for a car they may not change.
    const car = await logbookCar(ctx.db, ctx.auth.user, input.carId);
    if (!(await findService(ctx.db, car.id, input.entryId))) throw serviceNotFound();
    assertUploadSize(input.file.size, ctx.uploadMaxBytes);
    const bytes = new Uint8Array(await input.file.arrayBuffer());
    return storeAttachment(ctx.db, ctx.storage, ctx.auth.user, {
      carId: car.id,
      serviceId: input.entryId,
      bytes,
      name: input.file.name,
    });
  });
