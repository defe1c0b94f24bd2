import { staffProcedure } from '../../trpc';
import { insertCar } from '../cars/queries';
import { carOutput } from '../cars/schemas';
import { createStockInput } from './schemas';

export const create = staffProcedure
  .meta({
    openapi: { method: 'POST', path: '/inventory', tags: ['inventory'], summary: 'Add a car to stock', protect: true },
  })
  .input(createStockInput)
  .output(carOutput)
  .mutation(({ ctx, input }) => insertCar(ctx.db, { ...input, ownerId: null, status: input.status ?? 'available' }));
