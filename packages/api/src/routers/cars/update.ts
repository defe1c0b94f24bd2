import { changeGarageCar } from '../../domain/cars/garage';
import { toCarOutput } from '../../domain/cars/queries';
import { carOutput, updateCarInput } from '../../domain/cars/schemas';
import { logbookToday } from '../../domain/logbook/logbook-access';
import { errorResponses } from '../../openapi-meta';
import { authedProcedure } from '../../trpc';

export const update = authedProcedure
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/cars/{id}',
      tags: ['cars'],
      summary: 'Change one of your cars',
      protect: true,
      errorResponses: errorResponses(401, 404, 409),
    },
  })
  .input(updateCarInput)
  .output(carOutput)
  .mutation(({ ctx, input: { id, ...changes } }) =>
    ctx.db
      .transaction()
      .execute(async (trx) =>
        toCarOutput(trx, ctx.storage, await changeGarageCar(trx, ctx.auth, id, changes, logbookToday(ctx.settings))),
      ),
  );
