import { removeGarageCar } from '../../domain/cars/garage';
import { carIdInput, deleteCarOutput } from '../../domain/cars/schemas';
import { errorResponses } from '../../openapi-meta';
import { authedProcedure } from '../../trpc';

/** A garage car goes for good, with everything that hangs off it (photos, rentals). */
export const deleteCar = authedProcedure
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/cars/{id}',
      tags: ['cars'],
      summary: 'Remove a car from your garage',
      protect: true,
      errorResponses: errorResponses(401, 404),
    },
  })
  .input(carIdInput)
  .output(deleteCarOutput)
  .mutation(async ({ ctx, input }) => {
    const { photoKeys, ...result } = await ctx.db
      .transaction()
      .execute((trx) => removeGarageCar(trx, ctx.auth, input.id));
    // After the commit: had it rolled back, the photos would still need their objects.
    await ctx.storage.deleteMany(photoKeys);
    return result;
  });
