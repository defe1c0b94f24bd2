import { changeGarageCar } from '../../../../domain/cars/garage';
import { toCarOutput } from '../../../../domain/cars/queries';
import { carOutput } from '../../../../domain/cars/schemas';
import { logbookToday } from '../../../../domain/logbook/logbook-access';
import { errorResponses } from '../../../../openapi-meta';
import { adminProcedure } from '../../../../trpc';
import { updateUserCarInput } from './schemas';

export const update = adminProcedure
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/admin/users/{id}/cars/{carId}',
      tags: ['admin'],
      summary: "Change a car in a user's garage",
      protect: true,
      errorResponses: errorResponses(401, 403, 404, 409),
    },
  })
  .input(updateUserCarInput)
  .output(carOutput)
  .mutation(({ ctx, input: { id, carId, ...changes } }) =>
    ctx.db
      .transaction()
      .execute(async (trx) =>
        toCarOutput(
          trx,
          ctx.storage,
          await changeGarageCar(trx, ctx.auth, carId, changes, logbookToday(ctx.settings), id),
        ),
      ),
  );
