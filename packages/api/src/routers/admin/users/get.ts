import { listGarageCars, toCarPage } from '../../../domain/cars/queries';
import { garageKeyset } from '../../../domain/cars/schemas';
import { activityCounts, findManagedUser, userNotFound } from '../../../domain/users/manage-users';
import { errorResponses } from '../../../openapi-meta';
import { adminProcedure } from '../../../trpc';
import { userDetailOutput, userIdInput } from './schemas';

export const get = adminProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/admin/users/{id}',
      tags: ['admin'],
      summary: 'One user, with the first page of their garage and counts of their bookings and purchases',
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(userIdInput)
  .output(userDetailOutput)
  .query(async ({ ctx, input }) => {
    const user = await findManagedUser(ctx.db, input.id);
    if (!user) throw userNotFound();
    const cars = await toCarPage(
      ctx.db,
      ctx.storage,
      await listGarageCars(ctx.db, user.id, {}, { sort: garageKeyset.defaultSort, limit: 20 }),
    );
    return { ...user, cars, counts: await activityCounts(ctx.db, user.id) };
  });
