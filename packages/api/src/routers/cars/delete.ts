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
  .mutation(({ ctx, input }) =>
    ctx.db.transaction().execute(async (trx) => {
      assertGarageCarAccess(ctx.auth.user, await findCar(trx, input.id, { forUpdate: true }));
      await deleteCarRow(trx, input.id);
      return { id: input.id, outcome: 'deleted' as const };
    }),
  );
