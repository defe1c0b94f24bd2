import { errorResponses } from '../../openapi-meta';
import { authedProcedure } from '../../trpc';
import { changeGarageCar } from './garage';
import { logbookToday } from './logbook-access';
import { toCarOutput } from './queries';
import { carOutput, updateCarInput } from './schemas';

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
