import { staffProcedure } from '../../trpc';
import { insertCar, toCarOutput } from '../cars/queries';
import { carOutput } from '../cars/schemas';
import { createStockInput } from './schemas';

export const create = staffProcedure
  .meta({
    openapi: { method: 'POST', path: '/inventory', tags: ['inventory'], summary: 'Add a car to stock', protect: true },
  })
  .input(createStockInput)
  .output(carOutput)
  .mutation(async ({ ctx, input }) =>
    toCarOutput(
      ctx.db,
      ctx.storage,
      await insertCar(ctx.db, { ...input, ownerId: null, status: input.status ?? 'available' }),
    ),
  );
