import { audit } from '../../domain/audit/audit';
import { insertCar, toCarOutput } from '../../domain/cars/queries';
import { carOutput } from '../../domain/cars/schemas';
import { idempotencyKeyHeaders } from '../../domain/idempotency/idempotency';
import { logbookToday } from '../../domain/logbook/logbook-access';
import { withMileageReading } from '../../domain/logbook/odometer/car-mileage';
import { createStockInput } from '../../domain/stock/schemas';
import { errorResponses } from '../../openapi-meta';
import { staffProcedure } from '../../trpc';

export const create = staffProcedure
  .meta({
    idempotent: true,
    openapi: {
      method: 'POST',
      path: '/inventory',
      tags: ['inventory'],
      summary: 'Add a car to stock',
      protect: true,
      requestHeaders: idempotencyKeyHeaders,
      errorResponses: errorResponses(401, 403, 409),
    },
  })
  .input(createStockInput)
  .output(carOutput)
  .mutation(async ({ ctx, input }) => {
    const car = await ctx.db.transaction().execute(async (trx) => {
      const inserted = await insertCar(trx, { ...input, ownerId: null, status: input.status ?? 'available' });
      const row = await withMileageReading(trx, inserted, input.mileage, logbookToday(ctx.settings));
      await audit(trx, ctx.auth, { action: 'create', entity: 'car', entityId: row.id, after: row });
      return row;
    });
    return toCarOutput(ctx.db, ctx.storage, car);
  });
