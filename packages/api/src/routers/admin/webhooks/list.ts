import { AppError } from '../../../errors';
import { decodeCursor, page } from '../../../pagination';
import { adminProcedure } from '../../../trpc';
import { webhookColumns } from './queries';
import { listWebhooksInput, listWebhooksOutput } from './schemas';

const SORT = 'createdAt';

export const list = adminProcedure
  .meta({
    openapi: { method: 'GET', path: '/admin/webhooks', tags: ['admin'], summary: 'Webhook endpoints', protect: true },
  })
  .input(listWebhooksInput)
  .output(listWebhooksOutput)
  .query(async ({ ctx, input }) => {
    let query = ctx.db
      .selectFrom('webhookEndpoints')
      .select(webhookColumns)
      .orderBy('webhookEndpoints.createdAt')
      .orderBy('webhookEndpoints.id')
      .limit(input.limit + 1);
    if (input.cursor) {
      const afterId = decodeCursor(input.cursor, SORT);
      const after = await ctx.db
        .selectFrom('webhookEndpoints')
        .select('id')
        .where('id', '=', afterId)
        .executeTakeFirst();
      if (!after)
        throw new AppError('BAD_REQUEST', 'Invalid cursor.', { fieldErrors: { cursor: ['Invalid cursor.'] } });
      query = query.where(
        (eb) => eb.refTuple('webhookEndpoints.createdAt', 'webhookEndpoints.id'),
        '>',
        (eb) =>
          eb
            .selectFrom('webhookEndpoints as w')
            .select(['w.createdAt', 'w.id'])
            .where('w.id', '=', afterId)
            .$asTuple('createdAt', 'id'),
      );
    }
    return page(await query.execute(), input.limit, SORT);
  });
