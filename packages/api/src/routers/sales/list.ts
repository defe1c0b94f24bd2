import { listSales } from '../../domain/sales/queries';
import { listSalesInput, salePageOutput } from '../../domain/sales/schemas';
import { errorResponses } from '../../openapi-meta';
import { staffProcedure } from '../../trpc';

export const list = staffProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/sales',
      tags: ['sales'],
      summary: 'Sales, newest first: filter by period (soldAt in [from, to)), seller, customer or car',
      protect: true,
      errorResponses: errorResponses(401, 403),
    },
  })
  .input(listSalesInput)
  .output(salePageOutput)
  .query(({ ctx, input: { limit, cursor, sort, ...filters } }) => listSales(ctx.db, filters, { limit, cursor, sort }));
