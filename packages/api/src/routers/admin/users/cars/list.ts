import { listGarageCars, toCarPage } from '../../../../domain/cars/queries';
import { carPageOutput } from '../../../../domain/cars/schemas';
import { findManagedUser, userNotFound } from '../../../../domain/users/manage-users';
import { errorResponses } from '../../../../openapi-meta';
import { adminProcedure } from '../../../../trpc';
import { listUserCarsInput } from './schemas';

export const list = adminProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/admin/users/{id}/cars',
      tags: ['admin'],
      summary: "A user's garage",
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(listUserCarsInput)
  .output(carPageOutput)
  .query(async ({ ctx, input: { id, ...input } }) => {
    if (!(await findManagedUser(ctx.db, id))) throw userNotFound();
    return toCarPage(ctx.db, ctx.storage, await listGarageCars(ctx.db, id, input, input));
  });
