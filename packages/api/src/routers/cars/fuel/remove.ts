import { deleteFuelEntry } from '../../../domain/logbook/fuel/queries';
import { fuelEntryRefInput, removedEntryOutput } from '../../../domain/logbook/fuel/schemas';
import { logbookCar } from '../../../domain/logbook/logbook-access';
import { errorResponses } from '../../../openapi-meta';
import { authedProcedure } from '../../../trpc';

export const remove = authedProcedure
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/cars/{id}/fuel/{entryId}',
      tags: ['cars'],
      summary: 'Delete a fill-up (and the odometer reading it added)',
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(fuelEntryRefInput)
  .output(removedEntryOutput)
  .mutation(({ ctx, input }) =>
    ctx.db.transaction().execute(async (trx) => {
      const car = await logbookCar(trx, ctx.auth.user, input.id, { lock: true });
      await deleteFuelEntry(trx, car.id, input.entryId);
      return { id: input.entryId };
    }),
  );
