import { updateFuelEntry } from '../../../domain/logbook/fuel/queries';
import { fuelEntryOutput, updateFuelInput } from '../../../domain/logbook/fuel/schemas';
import { assertNotInFuture, logbookCar, logbookToday } from '../../../domain/logbook/logbook-access';
import { errorResponses } from '../../../openapi-meta';
import { authedProcedure } from '../../../trpc';

export const update = authedProcedure
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/cars/{id}/fuel/{entryId}',
      tags: ['cars'],
      summary: 'Change a fill-up (its odometer reading moves with it)',
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(updateFuelInput)
  .output(fuelEntryOutput)
  .mutation(({ ctx, input: { id, entryId, ...changes } }) => {
    if (changes.at) assertNotInFuture(changes.at, logbookToday(ctx.settings));
    return ctx.db.transaction().execute(async (trx) => {
      const car = await logbookCar(trx, ctx.auth.user, id, { lock: true });
      return updateFuelEntry(trx, car.id, entryId, changes);
    });
  });
