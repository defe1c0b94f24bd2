import { audit } from '../../domain/audit/audit';
import { cancelBookingsOffOffer } from '../../domain/bookings/off-offer';
import { toCarOutputs } from '../../domain/cars/queries';
import { setStockStatus } from '../../domain/stock/queries';
import { bulkSetStatusInput, bulkSetStatusOutput } from '../../domain/stock/schemas';
import { errorResponses } from '../../openapi-meta';
import { staffProcedure } from '../../trpc';

export const bulkSetStatus = staffProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/inventory/status',
      tags: ['inventory'],
      summary: 'Set the status of many stock cars at once (all or none)',
      protect: true,
      errorResponses: errorResponses(401, 403, 404, 409),
    },
  })
  .input(bulkSetStatusInput)
  .output(bulkSetStatusOutput)
  .mutation(async ({ ctx, input }) => ({
    items: await ctx.db.transaction().execute(async (trx) => {
      // Locked in setStockStatus's order (by id), so the statuses read here are the ones it changes.
      const locked = await trx
        .selectFrom('cars')
        .select(['cars.id', 'cars.status'])
        .where('cars.id', 'in', input.ids)
        .orderBy('cars.id')
        .forUpdate()
        .execute();
      const before = new Map(locked.map((row) => [row.id, row.status]));
      const items = await setStockStatus(trx, input.ids, input.status);
      for (const after of items) {
        await audit(trx, ctx.auth, {
          action: 'update',
          entity: 'car',
          entityId: after.id,
          before: { status: before.get(after.id) },
          after: { status: after.status },
        });
      }
      await cancelBookingsOffOffer(trx, ctx.auth, items, ctx.settings.now());
      return toCarOutputs(trx, ctx.storage, items);
    }),
  }));
