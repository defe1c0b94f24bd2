import { assertGarageCarAccess } from '../../domain/cars/policy';
import { findCar, toCarOutput } from '../../domain/cars/queries';
import { carIdInput, carOutput } from '../../domain/cars/schemas';
import { errorResponses } from '../../openapi-meta';
import { authedProcedure } from '../../trpc';

export const get = authedProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/cars/{id}',
      tags: ['cars'],
      summary: 'One of your cars',
      protect: true,
      errorResponses: errorResponses(401, 404),
    },
  })
  .input(carIdInput)
  .output(carOutput)
  .query(async ({ ctx, input }) => {
    const car = await findCar(ctx.db, input.id);
    assertGarageCarAccess(ctx.auth.user, car);
    return toCarOutput(ctx.db, ctx.storage, car);
  });
