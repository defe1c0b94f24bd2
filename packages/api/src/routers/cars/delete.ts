import { authedProcedure } from '../../trpc';
import { assertGarageCarAccess } from './policy';
import { deleteCarRow, findCar } from './queries';
import { carIdInput, deleteCarOutput } from './schemas';

/** A garage car goes for good, with everything that hangs off it (photos, rentals). */
export const deleteCar = authedProcedure
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/cars/{id}',
      tags: ['cars'],
      summary: 'Remove a car from your garage',
      protect: true,
    },
  })
  .input(carIdInput)
  .output(deleteCarOutput)
  .mutation(async ({ ctx, input }) => {
    const photoKeys = await ctx.db.transaction().execute(async (trx) => {
      assertGarageCarAccess(ctx.auth.user, await findCar(trx, input.id, { forUpdate: true }));
      return deleteCarRow(trx, input.id);
    });
    // After the commit: had it rolled back, the photos would still need their objects.
    await ctx.storage.deleteMany(photoKeys);
    return { id: input.id, outcome: 'deleted' as const };
  });
