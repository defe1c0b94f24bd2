import { addGarageCar } from '../../domain/cars/garage';
import { toCarOutput } from '../../domain/cars/queries';
import { carOutput, createCarInput } from '../../domain/cars/schemas';
import { idempotencyKeyHeaders } from '../../domain/idempotency/idempotency';
import { logbookToday } from '../../domain/logbook/logbook-access';
import { errorResponses } from '../../openapi-meta';
import { authedProcedure } from '../../trpc';

export const create = authedProcedure
  .meta({
    idempotent: true,
    openapi: {
      method: 'POST',
      path: '/cars',
      tags: ['cars'],
      summary: 'Add a car to your garage',
      protect: true,
      requestHeaders: idempotencyKeyHeaders,
      errorResponses: errorResponses(401, 409),
    },
  })
  .input(createCarInput)
  .output(carOutput)
  .mutation(async ({ ctx, input }) =>
    toCarOutput(
      ctx.db,
      ctx.storage,
      await ctx.db
        .transaction()
        .execute((trx) => addGarageCar(trx, ctx.auth, ctx.auth.user.id, input, logbookToday(ctx.settings))),
    ),
  );
