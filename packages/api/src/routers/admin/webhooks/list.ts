import { listWebhooks } from '../../../domain/webhooks/queries';
import { listWebhooksInput, listWebhooksOutput } from '../../../domain/webhooks/schemas';
import { errorResponses } from '../../../openapi-meta';
import { adminProcedure } from '../../../trpc';

export const list = adminProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/admin/webhooks',
      tags: ['admin'],
      summary: 'Webhook endpoints',
      protect: true,
      errorResponses: errorResponses(401, 403),
    },
  })
  .input(listWebhooksInput)
  .output(listWebhooksOutput)
  .query(({ ctx, input }) => listWebhooks(ctx.db, input));
