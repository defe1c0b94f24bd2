import { idempotencyKeyHeaders } from '../../domain/idempotency/idempotency';
import { createSaleInput, saleOutput } from '../../domain/sales/schemas';
import { sellCar } from '../../domain/sales/sell-car';
import { errorResponses } from '../../openapi-meta';
import { staffProcedure } from '../../trpc';

export const create = staffProcedure
  .meta({
    idempotent: true,
    openapi: {
      method: 'POST',
      path: '/sales',
      tags: ['sales'],
      summary: 'Sell an available or reserved stock car to a customer (it lands in their garage)',
      protect: true,
      requestHeaders: idempotencyKeyHeaders,
      errorResponses: errorResponses(401, 403, 404, 409),
    },
  })
  .input(createSaleInput)
  .output(saleOutput)
  .mutation(({ ctx, input }) =>
    sellCar(
      ctx.db,
      {
        auth: ctx.auth,
        storage: ctx.storage,
        now: ctx.settings.now(),
        defaultCommissionRate: ctx.settings.defaultCommissionRate,
      },
      input,
    ),
  );
