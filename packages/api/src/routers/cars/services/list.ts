import { logbookCar } from '../../../domain/logbook/logbook-access';
import { toServiceOutputs } from '../../../domain/logbook/services/attachments';
import { listServices } from '../../../domain/logbook/services/queries';
import { listServicesInput, servicePageOutput } from '../../../domain/logbook/services/schemas';
import { errorResponses } from '../../../openapi-meta';
import { authedProcedure } from '../../../trpc';

export const list = authedProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/cars/{id}/services',
      tags: ['cars'],
      summary: "A car's service records with their attachments (newest first by default)",
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(listServicesInput)
  .output(servicePageOutput)
  .query(async ({ ctx, input }) => {
    await logbookCar(ctx.db, ctx.auth.user, input.id);
    const page = await listServices(ctx.db, input.id, input, input);
    return { items: await toServiceOutputs(ctx.db, page.items), nextCursor: page.nextCursor };
  });
