import { webhookColumns } from '../../../domain/webhooks/queries';
import { listWebhooksInput, listWebhooksOutput, webhooksKeyset } from '../../../domain/webhooks/schemas';
import { errorResponses } from '../../../openapi-meta';
import { paginate } from '../../../pagination';
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
  .query(({ ctx, input }) =>
    paginate(ctx.db.selectFrom('webhookEndpoints').select(webhookColumns), webhooksKeyset, input),
  );
