import { AppError } from '../../../errors';
import { decodeCursor, page } from '../../../pagination';
import { adminProcedure } from '../../../trpc';
import { findWebhook } from './queries';
import { deliveriesInput, deliveriesOutput } from './schemas';

const SORT = '-createdAt';

export const deliveries = adminProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/admin/webhooks/{id}/deliveries',
      tags: ['admin'],
      summary: 'Delivery log of a webhook endpoint: every attempt and its HTTP status',
      protect: true,
    },
  })
  .input(deliveriesInput)
  .output(deliveriesOutput)
  .query(async ({ ctx, input }) => {
    await findWebhook(ctx.db, input.id);
    let query = ctx.db
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
      .where('a.webhookId', '=', input.id)
      .orderBy('a.createdAt', 'desc')
      .orderBy('a.id', 'desc')
      .limit(input.limit + 1);
    if (input.cursor) {
      const afterId = decodeCursor(input.cursor, SORT);
      const after = await ctx.db
        .selectFrom('webhookAttempts')
        .select('id')
        .where('id', '=', afterId)
        .where('webhookId', '=', input.id)
        .executeTakeFirst();
      if (!after)
        throw new AppError('BAD_REQUEST', 'Invalid cursor.', { fieldErrors: { cursor: ['Invalid cursor.'] } });
      query = query.where(
        (eb) => eb.refTuple('a.createdAt', 'a.id'),
        '<',
        (eb) =>
          eb
            .selectFrom('webhookAttempts as p')
            .select(['p.createdAt', 'p.id'])
            .where('p.id', '=', afterId)
            .$asTuple('createdAt', 'id'),
      );
    }
    return page(await query.execute(), input.limit, SORT);
  });
