import { logbookCar } from '../../../domain/logbook/logbook-access';
import { deleteReading, findReading, readingNotFound } from '../../../domain/logbook/odometer/queries';
import { removedOutput, removeReadingInput } from '../../../domain/logbook/odometer/schemas';
import { AppError } from '../../../errors';
import { errorResponses } from '../../../openapi-meta';
import { authedProcedure } from '../../../trpc';

export const remove = authedProcedure
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/cars/{id}/odometer/{entryId}',
      tags: ['cars'],
      summary: 'Delete an odometer reading (answers the car’s mileage after it)',
      protect: true,
      errorResponses: errorResponses(401, 403, 404, 409),
    },
  })
  .input(removeReadingInput)
  .output(removedOutput)
  .mutation(({ ctx, input }) =>
    ctx.db.transaction().execute(async (trx) => {
      const car = await logbookCar(trx, ctx.auth.user, input.id, { lock: true });
      const reading = await findReading(trx, car.id, input.entryId);
      if (!reading) throw readingNotFound();
      if (reading.source === 'fuel' || reading.source === 'service') {
        // It belongs to an entry: change or remove that entry instead, so the two can't disagree.
        const owner = reading.source === 'fuel' ? 'fill-up' : 'service record';
        throw new AppError('CONFLICT', `This reading belongs to a ${owner}: change or remove the ${owner} instead.`);
      }
      await deleteReading(trx, car.id, reading.id);
      const after = await logbookCar(trx, ctx.auth.user, car.id);
      return { id: reading.id, mileage: after.mileage };
    }),
  );
