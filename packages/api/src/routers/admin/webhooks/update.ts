import type { DB } from '@carhub/db';
import type { Updateable } from 'kysely';
import { AppError } from '../../../errors';
import { adminProcedure } from '../../../trpc';
import { assertUrlAllowed, webhookColumns } from './queries';
import { updateWebhookInput, webhookOutput } from './schemas';

export const update = adminProcedure
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/admin/webhooks/{id}',
      tags: ['admin'],
      summary: 'Change a webhook endpoint',
      protect: true,
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
    const query =
      Object.keys(changes).length === 0
        ? ctx.db.selectFrom('webhookEndpoints').select(webhookColumns).where('id', '=', input.id)
        : ctx.db.updateTable('webhookEndpoints').set(changes).where('id', '=', input.id).returning(webhookColumns);
    const row = await query.executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'No such webhook.');
    return row;
  });
