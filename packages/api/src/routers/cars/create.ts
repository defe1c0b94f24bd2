import { authedProcedure } from '../../trpc';
import { insertCar } from './queries';
import { carOutput, createCarInput } from './schemas';

export const create = authedProcedure
  .meta({
    openapi: { method: 'POST', path: '/cars', tags: ['cars'], summary: 'Add a car to your garage', protect: true },
  })
  .input(createCarInput)
  .output(carOutput)
  .mutation(({ ctx, input }) => insertCar(ctx.db, { ...input, ownerId: ctx.auth.user.id }));
