import { authedProcedure } from '../../trpc';
import { listGarageCars } from './queries';
import { carPageOutput, listCarsInput } from './schemas';

export const list = authedProcedure
  .meta({ openapi: { method: 'GET', path: '/cars', tags: ['cars'], summary: 'Your garage', protect: true } })
  .input(listCarsInput)
  .output(carPageOutput)
  .query(({ ctx, input }) => listGarageCars(ctx.db, ctx.auth.user.id, input, input));
