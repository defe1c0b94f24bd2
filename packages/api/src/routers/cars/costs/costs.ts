import { carCosts } from '../../../domain/logbook/costs/queries';
import { logbookCar } from '../../../domain/logbook/logbook-access';
import { errorResponses } from '../../../openapi-meta';
import { authedProcedure } from '../../../trpc';
import { carCostsInput, carCostsOutput } from './schemas';

/** What a car cost over a period: fuel and service, per month and per km driven. */
export const costs = authedProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/cars/{id}/costs',
      tags: ['cars'],
      summary: "A car's fuel and service costs per month and per km (from/to are dates, to exclusive)",
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(carCostsInput)
  .output(carCostsOutput)
  .query(async ({ ctx, input }) => {
    await logbookCar(ctx.db, ctx.auth.user, input.id);
    return { from: input.from ?? null, to: input.to ?? null, ...(await carCosts(ctx.db, input.id, input)) };
  });
