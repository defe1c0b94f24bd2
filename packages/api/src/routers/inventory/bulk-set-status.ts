import { audit } from '../../domain/audit/audit';
import { cancelBookingsOffOffer } from '../../domain/bookings/off-offer';
import { toCarOutputs } from '../../domain/cars/queries';
import { lockStockStatuses, setStockStatus } from '../../domain/stock/queries';
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
      const before = await lockStockStatuses(trx, input.ids);
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
