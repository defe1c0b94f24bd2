import { removeGarageCar } from '../../../../domain/cars/garage';
import { deleteCarOutput } from '../../../../domain/cars/schemas';
import { errorResponses } from '../../../../openapi-meta';
import { adminProcedure } from '../../../../trpc';
import { userCarIdInput } from './schemas';

export const deleteUserCar = adminProcedure
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/admin/users/{id}/cars/{carId}',
      tags: ['admin'],
      summary: "Remove a car from a user's garage",
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(userCarIdInput)
  .output(deleteCarOutput)
  .mutation(async ({ ctx, input }) => {
    const { photoKeys, ...result } = await ctx.db
      .transaction()
      .execute((trx) => removeGarageCar(trx, ctx.auth, input.carId, input.id));
    await ctx.storage.deleteMany(photoKeys);
    return result;
  });
