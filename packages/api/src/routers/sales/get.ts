import { findSale, saleNotFound } from '../../domain/sales/queries';
import { saleIdInput, saleOutput } from '../../domain/sales/schemas';
import { errorResponses } from '../../openapi-meta';
import { staffProcedure } from '../../trpc';

export const get = staffProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/sales/{id}',
      tags: ['sales'],
      summary: 'One sale',
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(saleIdInput)
  .output(saleOutput)
  .query(async ({ ctx, input }) => {
    const sale = await findSale(ctx.db, input.id);
    if (!sale) throw saleNotFound();
    return sale;
  });
