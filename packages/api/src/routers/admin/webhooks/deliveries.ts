import { findWebhook } from '../../../domain/webhooks/queries';
import { deliveriesInput, deliveriesKeyset, deliveriesOutput } from '../../../domain/webhooks/schemas';
import { errorResponses } from '../../../openapi-meta';
import { paginate } from '../../../pagination';
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
    const query = ctx.db
      .selectFrom('webhookAttempts as a')
      .innerJoin('outboxDeliveries as d', 'd.id', 'a.deliveryId')
      .innerJoin('outboxEvents as e', 'e.id', 'd.eventId')
      .select([
        'a.id',
        'a.deliveryId',
        'd.eventId',
        'e.type as eventType',
        'a.attempt',
        'a.statusCode',
        'a.error',
        'a.durationMs',
        'd.status as deliveryStatus',
        'a.createdAt',
      ])
      .where('a.webhookId', '=', input.id);
    return paginate(query, deliveriesKeyset, input);
  });
