import { authedProcedure } from '../../trpc';
import { assertGarageCarAccess } from './policy';
import { findCar, toCarOutput, updateCar } from './queries';
import { carOutput, updateCarInput } from './schemas';

export const update = authedProcedure
  .meta({
    openapi: { method: 'PATCH', path: '/cars/{id}', tags: ['cars'], summary: 'Change one of your cars', protect: true },
  })
  .input(updateCarInput)
  .output(carOutput)
  .mutation(({ ctx, input: { id, ...changes } }) =>
    ctx.db.transaction().execute(async (trx) => {
      assertGarageCarAccess(ctx.auth.user, await findCar(trx, id, { forUpdate: true }));
      return toCarOutput(trx, ctx.storage, await updateCar(trx, id, changes));
    }),
  );
