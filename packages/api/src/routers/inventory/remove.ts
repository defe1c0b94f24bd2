import { audit } from '../../domain/audit/audit';
import { cancelBookingsOffOffer } from '../../domain/bookings/off-offer';
import { assertStockCarVisible } from '../../domain/cars/policy';
import { deleteCarRow, findCar, updateCar } from '../../domain/cars/queries';
import { carIdInput } from '../../domain/cars/schemas';
import { carHasDependents } from '../../domain/stock/queries';
import { removeStockOutput } from '../../domain/stock/schemas';
import { errorResponses } from '../../openapi-meta';
import { staffProcedure } from '../../trpc';

/** Stock with history (bookings, a sale) stays on record as `removed`; other stock is deleted for good. */
export const remove = staffProcedure
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/inventory/{id}',
      tags: ['inventory'],
      summary: 'Remove a car from stock (its future bookings are cancelled)',
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(carIdInput)
  .output(removeStockOutput)
  .mutation(async ({ ctx, input }) => {
    const result = await ctx.db.transaction().execute(async (trx) => {
      const before = await findCar(trx, input.id, { forUpdate: true });
      assertStockCarVisible(ctx.auth.user, before);
      if (await carHasDependents(trx, input.id)) {
        const after = await updateCar(trx, input.id, { status: 'removed' });
        await cancelBookingsOffOffer(trx, ctx.auth, [after], ctx.settings.now());
        await audit(trx, ctx.auth, { action: 'update', entity: 'car', entityId: input.id, before, after });
        return { outcome: 'removed' as const, photoKeys: [] };
      }
      const photoKeys = await deleteCarRow(trx, input.id);
      await audit(trx, ctx.auth, { action: 'delete', entity: 'car', entityId: input.id, before });
      return { outcome: 'deleted' as const, photoKeys };
    });
    // After the commit, and only when the car went for good: a kept car keeps its photos.
    await ctx.storage.deleteMany(result.photoKeys);
    return { id: input.id, outcome: result.outcome };
  });
