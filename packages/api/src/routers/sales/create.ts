import { errorResponses } from '../../openapi-meta';
import { staffProcedure } from '../../trpc';
import { createSaleInput, saleOutput } from './schemas';
import { sellCar } from './sell-car';

export const create = staffProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/sales',
      tags: ['sales'],
      summary: 'Sell an available or reserved stock car to a customer (it lands in their garage)',
      protect: true,
      errorResponses: errorResponses(401, 403, 404, 409),
    },
  })
  .input(createSaleInput)
  .output(saleOutput)
  .mutation(async ({ ctx, input }) => {
    const copiedKeys: string[] = [];
    try {
      return await ctx.db.transaction().execute((trx) =>
        sellCar(
          trx,
          {
            auth: ctx.auth,
            storage: ctx.storage,
            now: ctx.settings.now(),
            defaultCommissionRate: ctx.settings.defaultCommissionRate,
            copiedKeys,
          },
          input,
        ),
      );
    } catch (error) {
      // The rows that would have pointed at the copied photos are gone with the rollback.
      await ctx.storage.deleteMany(copiedKeys).catch(() => undefined);
      throw error;
    }
  });
