import { listGarageCars, toCarPage } from '../../domain/cars/queries';
import { availableCarsInput, carPageOutput } from '../../domain/cars/schemas';
import { errorResponses } from '../../openapi-meta';
import { authedProcedure } from '../../trpc';

/** The caller's garage cars with no pending or approved booking overlapping [from, to) (a fleet's free cars). */
export const available = authedProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/cars/available',
      tags: ['cars'],
      summary: 'Your garage cars that are free for a whole period',
      protect: true,
      errorResponses: errorResponses(401),
    },
  })
  .input(availableCarsInput)
  .output(carPageOutput)
  .query(async ({ ctx, input: { from, to, ...filters } }) =>
    toCarPage(
      ctx.db,
      ctx.storage,
      await listGarageCars(ctx.db, ctx.auth.user.id, { ...filters, freeDuring: { from, to } }, filters),
    ),
  );
