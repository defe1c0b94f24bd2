import { toCarPage } from '../../domain/cars/queries';
import { carPageOutput } from '../../domain/cars/schemas';
import { publicStockStatuses } from '../../domain/cars/statuses';
import { listStock } from '../../domain/stock/queries';
import { availableStockInput } from '../../domain/stock/schemas';
import { errorResponses } from '../../openapi-meta';
import { publicProcedure } from '../../trpc';

/**
 * "Which cars are free from X to Y": stock on offer with no pending or approved booking
 * overlapping [from, to), with the catalogue's filters, sorts and cursors, in one query.
 */
export const available = publicProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/inventory/available',
      tags: ['inventory'],
      summary: 'Stock on offer that is free for a whole period',
      protect: false,
      errorResponses: errorResponses(),
    },
  })
  .input(availableStockInput)
  .output(carPageOutput)
  .query(async ({ ctx, input: { from, to, status, ...filters } }) =>
    toCarPage(
      ctx.db,
      ctx.storage,
      await listStock(
        ctx.db,
        { ...filters, statuses: status ? [status] : publicStockStatuses, freeDuring: { from, to } },
        filters,
      ),
    ),
  );
