import { staffProcedure } from '../../trpc';
import { assertStockCarVisible } from '../cars/policy';
import { findCar, toCarOutput, updateCar } from '../cars/queries';
import { carOutput } from '../cars/schemas';
import { updateStockInput } from './schemas';

export const update = staffProcedure
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/inventory/{id}',
      tags: ['inventory'],
      summary: 'Change a car in stock',
      protect: true,
    },
  })
  .input(updateStockInput)
  .output(carOutput)
  .mutation(({ ctx, input: { id, ...changes } }) =>
    ctx.db.transaction().execute(async (trx) => {
      assertStockCarVisible(ctx.auth.user, await findCar(trx, id, { forUpdate: true }));
      return toCarOutput(trx, ctx.storage, await updateCar(trx, id, changes));
    }),
  );
