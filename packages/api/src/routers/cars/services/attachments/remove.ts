import { logbookCar } from '../../../../domain/logbook/logbook-access';
import { deleteAttachment, toServiceOutput } from '../../../../domain/logbook/services/attachments';
import { findService, serviceNotFound } from '../../../../domain/logbook/services/queries';
import { serviceOutput } from '../../../../domain/logbook/services/schemas';
import { errorResponses } from '../../../../openapi-meta';
import { authedProcedure } from '../../../../trpc';
import { removeAttachmentInput } from './schemas';

export const remove = authedProcedure
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/cars/{id}/services/{entryId}/attachments/{attachmentId}',
      tags: ['cars'],
      summary: 'Delete an attachment of a service record',
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(removeAttachmentInput)
  .output(serviceOutput)
  .mutation(async ({ ctx, input }) => {
    const { answer, key } = await ctx.db.transaction().execute(async (trx) => {
      const car = await logbookCar(trx, ctx.auth.user, input.id, { lock: true });
      const service = await findService(trx, car.id, input.entryId);
      if (!service) throw serviceNotFound();
      const key = await deleteAttachment(trx, car.id, service.id, input.attachmentId);
      const { odometerReadingId: _reading, ...record } = service;
      return { answer: await toServiceOutput(trx, record), key };
    });
    // After the commit: had it rolled back, the row would still need its object.
    await ctx.storage.delete(key);
    return answer;
  });
