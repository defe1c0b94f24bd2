import { addGarageCar } from '../../../../domain/cars/garage';
import { toCarOutput } from '../../../../domain/cars/queries';
import { carOutput } from '../../../../domain/cars/schemas';
import { logbookToday } from '../../../../domain/logbook/logbook-access';
import { findManagedUser, userNotFound } from '../../../../domain/users/manage-users';
import { errorResponses } from '../../../../openapi-meta';
import { adminProcedure } from '../../../../trpc';
import { createUserCarInput } from './schemas';

export const create = adminProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/admin/users/{id}/cars',
      tags: ['admin'],
      summary: "Add a car to a user's garage",
      protect: true,
      errorResponses: errorResponses(401, 403, 404, 409),
    },
  })
  .input(createUserCarInput)
  .output(carOutput)
  .mutation(async ({ ctx, input: { id, ...car } }) => {
    const row = await ctx.db.transaction().execute(async (trx) => {
      // Locked, so the user can't be deleted between this check and the insert.
      if (!(await findManagedUser(trx, id, { forUpdate: true }))) throw userNotFound();
      return addGarageCar(trx, ctx.auth, id, car, logbookToday(ctx.settings));
    });
    return toCarOutput(ctx.db, ctx.storage, row);
  });
