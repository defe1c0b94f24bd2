import { assertNotInFuture, logbookCar, logbookToday } from '../../../domain/logbook/logbook-access';
import { toServiceOutput } from '../../../domain/logbook/services/attachments';
import { insertService } from '../../../domain/logbook/services/queries';
import { addServiceInput, serviceOutput } from '../../../domain/logbook/services/schemas';
import { errorResponses } from '../../../openapi-meta';
import { authedProcedure } from '../../../trpc';

/** A service record; an odometer value becomes a reading (in order with the others). */
export const add = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/cars/{id}/services',
      tags: ['cars'],
      summary: 'Record a service (attachments are added to it afterwards)',
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(addServiceInput)
  .output(serviceOutput)
  .mutation(({ ctx, input: { id, ...values } }) => {
    assertNotInFuture(values.at, logbookToday(ctx.settings));
    return ctx.db.transaction().execute(async (trx) => {
      const car = await logbookCar(trx, ctx.auth.user, id, { lock: true });
      const record = await insertService(trx, car.id, {
        at: values.at,
        odometerKm: values.odometerKm ?? null,
        title: values.title,
        items: values.items ?? [],
        cost: values.cost ?? null,
        shop: values.shop ?? null,
        notes: values.notes ?? null,
      });
      return toServiceOutput(trx, record);
    });
  });
