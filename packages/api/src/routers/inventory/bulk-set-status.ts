import { staffProcedure } from '../../trpc';
import { toCarOutputs } from '../cars/queries';
import { setStockStatus } from './queries';
import { bulkSetStatusInput, bulkSetStatusOutput } from './schemas';

export const bulkSetStatus = staffProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/inventory/status',
      tags: ['inventory'],
      summary: 'Set the status of many stock cars at once (all or none)',
      protect: true,
    },
  })
  .input(bulkSetStatusInput)
  .output(bulkSetStatusOutput)
  .mutation(async ({ ctx, input }) => ({
    items: await ctx.db
      .transaction()
      .execute(async (trx) => toCarOutputs(trx, ctx.storage, await setStockStatus(trx, input.ids, input.status))),
  }));
