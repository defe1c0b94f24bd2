import { assertStockCarVisible } from '../../domain/cars/policy';
import { findCar, toCarOutput } from '../../domain/cars/queries';
import { carIdInput, carOutput } from '../../domain/cars/schemas';
import { withStaffNotesFor } from '../../domain/stock/staff-notes';
import { errorResponses } from '../../openapi-meta';
import { publicProcedure } from '../../trpc';

export const get = publicProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/inventory/{id}',
      tags: ['inventory'],
      summary: 'One car of the stock',
      protect: false,
      errorResponses: errorResponses(404),
    },
  })
  .input(carIdInput)
  .output(carOutput)
  .query(async ({ ctx, input }) => {
    const car = await findCar(ctx.db, input.id);
    assertStockCarVisible(ctx.auth?.user ?? null, car);
    return withStaffNotesFor(ctx.auth?.user ?? null, await toCarOutput(ctx.db, ctx.storage, car));
  });
