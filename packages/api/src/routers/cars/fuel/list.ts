import { listFuelEntries } from '../../../domain/logbook/fuel/queries';
import { fuelPageOutput, listFuelInput } from '../../../domain/logbook/fuel/schemas';
import { logbookCar } from '../../../domain/logbook/logbook-access';
import { errorResponses } from '../../../openapi-meta';
import { authedProcedure } from '../../../trpc';

export const list = authedProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/cars/{id}/fuel',
      tags: ['cars'],
      summary: "A car's fill-ups (newest first by default; from/to are dates, to exclusive)",
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(listFuelInput)
  .output(fuelPageOutput)
  .query(async ({ ctx, input }) => {
    await logbookCar(ctx.db, ctx.auth.user, input.id);
    return listFuelEntries(ctx.db, input.id, input, input);
  });
