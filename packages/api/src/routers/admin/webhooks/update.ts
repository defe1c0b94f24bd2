import type { DB } from '@carhub/db';
import type { Updateable } from 'kysely';
import { audit } from '../../../domain/audit/audit';
import { assertUrlAllowed, findWebhook, updateWebhook } from '../../../domain/webhooks/queries';
import { updateWebhookInput, webhookOutput } from '../../../domain/webhooks/schemas';
import { errorResponses } from '../../../openapi-meta';
import { adminProcedure } from '../../../trpc';

export const update = adminProcedure
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/admin/webhooks/{id}',
      tags: ['admin'],
      summary: 'Change a webhook endpoint',
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(updateWebhookInput)
  .output(webhookOutput)
  .mutation(async ({ ctx, input }) => {
    if (input.url) await assertUrlAllowed(input.url, ctx.settings.webhookAllowPrivateTargets);
    const changes: Updateable<DB['webhookEndpoints']> = {};
    if (input.url !== undefined) changes.url = input.url;
    if (input.events !== undefined) changes.events = [...new Set(input.events)];
    if (input.secret !== undefined) changes.secret = input.secret;
    if (input.description !== undefined) changes.description = input.description;
    if (input.isActive !== undefined) {
      changes.isActive = input.isActive;
      // Turning an endpoint back on starts its failure count afresh.
      if (input.isActive) Object.assign(changes, { firstFailureAt: null, disabledAt: null, disabledReason: null });
    }
    return ctx.db.transaction().execute(async (trx) => {
      const before = await findWebhook(trx, input.id, { forUpdate: true });
      if (Object.keys(changes).length === 0) return before;
      const after = await updateWebhook(trx, input.id, changes);
      // A new secret is worth knowing of; its value never reaches the log (a `secret` key would be dropped).
      const logged = input.secret !== undefined ? { ...after, signingKeyRotated: true } : after;
      await audit(trx, ctx.auth, { action: 'update', entity: 'webhook', entityId: input.id, before, after: logged });
      return after;
    });
  });
