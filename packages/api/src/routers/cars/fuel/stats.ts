import { fuelStats } from '../../../domain/logbook/fuel/consumption';
import { fillUpsBefore } from '../../../domain/logbook/fuel/queries';
import { fuelStatsInput, fuelStatsOutput } from '../../../domain/logbook/fuel/schemas';
import { logbookCar } from '../../../domain/logbook/logbook-access';
import { errorResponses } from '../../../openapi-meta';
import { authedProcedure } from '../../../trpc';

/**
 * Consumption over a period: L/100 km and km/L between full fills (partial fills carried into
 * the next full one), fuel cost per km, and exact totals (BigInt millilitres and cents).
 */
export const stats = authedProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/cars/{id}/fuel/stats',
      tags: ['cars'],
      summary: 'Fuel consumption and totals over a period (from/to are dates, to exclusive)',
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(fuelStatsInput)
  .output(fuelStatsOutput)
  .query(async ({ ctx, input }) => {
    await logbookCar(ctx.db, ctx.auth.user, input.id);
    const fills = await fillUpsBefore(ctx.db, input.id, input.to);
    return { from: input.from ?? null, to: input.to ?? null, ...fuelStats(fills, input) };
  });
