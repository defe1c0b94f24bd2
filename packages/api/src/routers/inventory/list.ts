import { errorResponses } from '../../openapi-meta';
import { publicProcedure } from '../../trpc';
import { catalogueStatuses } from '../cars/policy';
import { toCarPage } from '../cars/queries';
import { carPageOutput } from '../cars/schemas';
import { listStock } from './queries';
import { listStockInput } from './schemas';
import { withStaffNotesFor } from './staff-notes';

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
