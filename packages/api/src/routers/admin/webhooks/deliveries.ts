import { findWebhook, listDeliveries } from '../../../domain/webhooks/queries';
import { deliveriesInput, deliveriesOutput } from '../../../domain/webhooks/schemas';
import { errorResponses } from '../../../openapi-meta';
import { adminProcedure } from '../../../trpc';

export const deliveries = adminProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/admin/webhooks/{id}/deliveries',
      tags: ['admin'],
      summary: 'Delivery log of a webhook endpoint: every attempt and its HTTP status',
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(deliveriesInput)
  .output(deliveriesOutput)
  .query(async ({ ctx, input }) => {
    await findWebhook(ctx.db, input.id);
    return listDeliveries(ctx.db, input.id, input);
  });
