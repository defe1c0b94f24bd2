import { audit } from '../../audit/audit';
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
  .mutation(({ ctx, input }) =>
    ctx.db.transaction().execute(async (trx) => {
      const car = await insertCar(trx, { ...input, ownerId: null, status: input.status ?? 'available' });
      await audit(trx, ctx.auth, { action: 'create', entity: 'car', entityId: car.id, after: car });
      return car;
    }),
  );
