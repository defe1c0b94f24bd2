import { assertNotInFuture, logbookCar, logbookToday } from '../../../domain/logbook/logbook-access';
import { toServiceOutput } from '../../../domain/logbook/services/attachments';
import { updateService } from '../../../domain/logbook/services/queries';
import { serviceOutput, updateServiceInput } from '../../../domain/logbook/services/schemas';
import { errorResponses } from '../../../openapi-meta';
import { authedProcedure } from '../../../trpc';

export const update = authedProcedure
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/cars/{id}/services/{entryId}',
      tags: ['cars'],
      summary: 'Change a service record (null clears odometerKm, cost, shop or notes)',
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(updateServiceInput)
  .output(serviceOutput)
  .mutation(({ ctx, input: { id, entryId, ...changes } }) => {
    if (changes.at) assertNotInFuture(changes.at, logbookToday(ctx.settings));
    return ctx.db.transaction().execute(async (trx) => {
      const car = await logbookCar(trx, ctx.auth.user, id, { lock: true });
      return toServiceOutput(trx, await updateService(trx, car.id, entryId, changes));
    });
  });
