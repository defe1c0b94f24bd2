import { logbookCar } from '../../../domain/logbook/logbook-access';
import { listReadings } from '../../../domain/logbook/odometer/queries';
import { listReadingsInput, readingPageOutput } from '../../../domain/logbook/odometer/schemas';
import { errorResponses } from '../../../openapi-meta';
import { authedProcedure } from '../../../trpc';

export const list = authedProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/cars/{id}/odometer',
      tags: ['cars'],
      summary: "A car's odometer readings (newest first by default; from/to are dates, to exclusive)",
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(listReadingsInput)
  .output(readingPageOutput)
  .query(async ({ ctx, input }) => {
    await logbookCar(ctx.db, ctx.auth.user, input.id);
    return listReadings(ctx.db, input.id, input, input);
  });
