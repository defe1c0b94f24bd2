import { insertFuelEntry } from '../../../domain/logbook/fuel/queries';
import { addFuelInput, fuelEntryOutput } from '../../../domain/logbook/fuel/schemas';
import { assertNotInFuture, logbookCar, logbookToday } from '../../../domain/logbook/logbook-access';
import { errorResponses } from '../../../openapi-meta';
import { authedProcedure } from '../../../trpc';

/** A fill-up; its odometer value becomes a reading (in order with the others). */
export const add = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/cars/{id}/fuel',
      tags: ['cars'],
      summary: 'Record a fill-up (full tank unless fullTank is false)',
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(addFuelInput)
  .output(fuelEntryOutput)
  .mutation(({ ctx, input: { id, ...values } }) => {
    assertNotInFuture(values.at, logbookToday(ctx.settings));
    return ctx.db.transaction().execute(async (trx) => {
      const car = await logbookCar(trx, ctx.auth.user, id, { lock: true });
      return insertFuelEntry(trx, car.id, {
        ...values,
        fullTank: values.fullTank ?? true,
        missedPrevious: values.missedPrevious ?? false,
        station: values.station ?? null,
        notes: values.notes ?? null,
      });
    });
  });
