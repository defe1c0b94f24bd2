import { staffProcedure } from '../../trpc';
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
    items: await ctx.db.transaction().execute((trx) => setStockStatus(trx, input.ids, input.status)),
  }));
