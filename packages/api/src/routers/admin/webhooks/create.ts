import { randomBytes } from 'node:crypto';
import { audit } from '../../../domain/audit/audit';
import { assertUrlAllowed, insertWebhook } from '../../../domain/webhooks/queries';
import { createWebhookInput, createWebhookOutput } from '../../../domain/webhooks/schemas';
import { errorResponses } from '../../../openapi-meta';
import { adminProcedure } from '../../../trpc';

export const create = adminProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/admin/webhooks',
      tags: ['admin'],
      summary: 'Register a webhook endpoint',
      protect: true,
      errorResponses: errorResponses(401, 403),
    },
  })
  .input(createWebhookInput)
  .output(createWebhookOutput)
  .mutation(async ({ ctx, input }) => {
    await assertUrlAllowed(input.url, ctx.settings.webhookAllowPrivateTargets);
    const secret = input.secret ?? `whsec_${randomBytes(24).toString('base64url')}`;
    return ctx.db.transaction().execute(async (trx) => {
      const row = await insertWebhook(trx, {
        url: input.url,
        events: [...new Set(input.events)],
        secret,
        isActive: input.isActive ?? true,
        description: input.description ?? null,
        createdBy: ctx.auth.user.id,
      });
      await audit(trx, ctx.auth, { action: 'create', entity: 'webhook', entityId: row.id, after: row });
      // The one answer that carries the secret: the receiver needs it to verify signatures.
      return { ...row, secret };
    });
  });
