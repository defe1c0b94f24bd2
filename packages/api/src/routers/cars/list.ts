import { listGarageCars, toCarPage } from '../../domain/cars/queries';
import { carPageOutput, listCarsInput } from '../../domain/cars/schemas';
import { errorResponses } from '../../openapi-meta';
import { authedProcedure } from '../../trpc';

export const list = authedProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/cars',
      tags: ['cars'],
      summary: 'Your garage',
      protect: true,
      errorResponses: errorResponses(401),
    },
  })
  .input(listCarsInput)
  .output(carPageOutput)
  .query(async ({ ctx, input }) =>
    toCarPage(ctx.db, ctx.storage, await listGarageCars(ctx.db, ctx.auth.user.id, input, input)),
  );
