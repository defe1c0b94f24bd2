import { AppError } from '../../../errors';
import { adminProcedure } from '../../../trpc';
import { okOutput } from '../../auth/schemas';
import { webhookIdInput } from './schemas';

export const deleteWebhook = adminProcedure
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/admin/webhooks/{id}',
      tags: ['admin'],
      summary: 'Remove a webhook endpoint',
      protect: true,
    },
  })
  .input(webhookIdInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    // Its pending deliveries and delivery log go with it (foreign keys cascade).
    const result = await ctx.db.deleteFrom('webhookEndpoints').where('id', '=', input.id).executeTakeFirst();
    if (result.numDeletedRows === 0n) throw new AppError('NOT_FOUND', 'No such webhook.');
    return { ok: true as const };
  });
