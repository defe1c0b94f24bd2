import { paginate } from '../../../pagination';
import { adminProcedure } from '../../../trpc';
import { webhookColumns } from './queries';
import { listWebhooksInput, listWebhooksOutput, webhooksKeyset } from './schemas';

export const list = adminProcedure
  .meta({
    openapi: { method: 'GET', path: '/admin/webhooks', tags: ['admin'], summary: 'Webhook endpoints', protect: true },
  })
  .input(listWebhooksInput)
  .output(listWebhooksOutput)
  .query(({ ctx, input }) =>
    paginate(ctx.db.selectFrom('webhookEndpoints').select(webhookColumns), webhooksKeyset, input),
  );
