import { audit } from '../../../domain/audit/audit';
import { findWebhook, removeWebhook } from '../../../domain/webhooks/queries';
import { webhookIdInput } from '../../../domain/webhooks/schemas';
import { errorResponses } from '../../../openapi-meta';
import { adminProcedure } from '../../../trpc';
import { okOutput } from '../../auth/schemas';

export const deleteWebhook = adminProcedure
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/admin/webhooks/{id}',
      tags: ['admin'],
      summary: 'Remove a webhook endpoint',
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(webhookIdInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    return ctx.db.transaction().execute(async (trx) => {
      const before = await findWebhook(trx, input.id);
      await removeWebhook(trx, input.id);
      await audit(trx, ctx.auth, { action: 'delete', entity: 'webhook', entityId: input.id, before });
      return { ok: true as const };
    });
  });
