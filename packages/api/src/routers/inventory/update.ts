import { audit } from '../../domain/audit/audit';
import { cancelBookingsOffOffer } from '../../domain/bookings/off-offer';
import { assertStockCarVisible } from '../../domain/cars/policy';
import { findCar, toCarOutput, updateCar } from '../../domain/cars/queries';
import { carOutput } from '../../domain/cars/schemas';
import { logbookToday } from '../../domain/logbook/logbook-access';
import { withMileageReading } from '../../domain/logbook/odometer/car-mileage';
import { assertStatusChangeAllowed } from '../../domain/stock/queries';
import { updateStockInput } from '../../domain/stock/schemas';
import { errorResponses } from '../../openapi-meta';
import { staffProcedure } from '../../trpc';

export const update = staffProcedure
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/inventory/{id}',
      tags: ['inventory'],
      summary: 'Change a car in stock',
      protect: true,
      errorResponses: errorResponses(401, 403, 404, 409),
    },
  })
  .input(updateStockInput)
  .output(carOutput)
  .mutation(({ ctx, input: { id, ...changes } }) =>
    ctx.db.transaction().execute(async (trx) => {
      const before = await findCar(trx, id, { forUpdate: true });
      assertStockCarVisible(ctx.auth.user, before);
      if (changes.status !== undefined && changes.status !== before.status) {
        await assertStatusChangeAllowed(trx, [id], changes.status);
      }
      const after = await withMileageReading(
        trx,
        await updateCar(trx, id, changes),
        changes.mileage,
        logbookToday(ctx.settings),
      );
      // Sold or removed: its future bookings go in this same transaction.
      await cancelBookingsOffOffer(trx, ctx.auth, [after], ctx.settings.now());
      await audit(trx, ctx.auth, { action: 'update', entity: 'car', entityId: id, before, after });
      return toCarOutput(trx, ctx.storage, after);
    }),
  );
