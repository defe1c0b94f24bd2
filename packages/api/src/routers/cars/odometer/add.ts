import { assertNotInFuture, logbookCar, logbookToday } from '../../../domain/logbook/logbook-access';
import { addReading } from '../../../domain/logbook/odometer/queries';
import { addReadingInput, readingOutput } from '../../../domain/logbook/odometer/schemas';
import { errorResponses } from '../../../openapi-meta';
import { authedProcedure } from '../../../trpc';

/** A dated reading; out of order with its neighbours it is a 400 naming the neighbour. */
export const add = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/cars/{id}/odometer',
      tags: ['cars'],
      summary: 'Record an odometer reading (the car’s mileage follows the latest one)',
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(addReadingInput)
  .output(readingOutput)
  .mutation(({ ctx, input }) => {
    assertNotInFuture(input.at, logbookToday(ctx.settings));
    return ctx.db.transaction().execute(async (trx) => {
      const car = await logbookCar(trx, ctx.auth.user, input.id, { lock: true });
      return addReading(trx, { carId: car.id, at: input.at, km: input.km, note: input.note ?? null, source: 'manual' });
    });
  });
