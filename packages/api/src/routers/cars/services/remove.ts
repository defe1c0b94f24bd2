import { logbookCar } from '../../../domain/logbook/logbook-access';
import { deleteService } from '../../../domain/logbook/services/queries';
import { removedServiceOutput, serviceRefInput } from '../../../domain/logbook/services/schemas';
import { errorResponses } from '../../../openapi-meta';
import { authedProcedure } from '../../../trpc';

export const remove = authedProcedure
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/cars/{id}/services/{entryId}',
      tags: ['cars'],
      summary: 'Delete a service record with its attachments and odometer reading',
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(serviceRefInput)
  .output(removedServiceOutput)
  .mutation(async ({ ctx, input }) => {
    const keys = await ctx.db.transaction().execute(async (trx) => {
      const car = await logbookCar(trx, ctx.auth.user, input.id, { lock: true });
      return deleteService(trx, car.id, input.entryId);
    });
    // Only once the rows are gone for good: a rolled-back delete still has its objects.
    await ctx.storage.deleteMany(keys);
    return { id: input.entryId };
  });
