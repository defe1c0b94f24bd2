import { catalogueStatuses } from '../../domain/cars/policy';
import { toCarPage } from '../../domain/cars/queries';
import { carPageOutput } from '../../domain/cars/schemas';
import { listStock } from '../../domain/stock/queries';
import { listStockInput } from '../../domain/stock/schemas';
import { withStaffNotesFor } from '../../domain/stock/staff-notes';
import { errorResponses } from '../../openapi-meta';
import { publicProcedure } from '../../trpc';

export const list = publicProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/inventory',
      tags: ['inventory'],
      summary: 'The catalogue (staff and admin: all stock)',
      protect: false,
      errorResponses: errorResponses(),
    },
  })
  .input(listStockInput)
  .output(carPageOutput)
  .query(async ({ ctx, input: { status, ...filters } }) => {
    const viewer = ctx.auth?.user ?? null;
    const page = await toCarPage(
      ctx.db,
      ctx.storage,
      await listStock(ctx.db, { ...filters, statuses: catalogueStatuses(viewer, status) }, filters),
    );
    return { ...page, items: page.items.map((car) => withStaffNotesFor(viewer, car)) };
  });
