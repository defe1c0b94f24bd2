import { markNotificationsRead } from '../../domain/notifications/inbox-queries';
import { markReadInput, markReadOutput } from '../../domain/notifications/schemas';
import { errorResponses } from '../../openapi-meta';
import { authedProcedure } from '../../trpc';

export const markRead = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/notifications/read',
      tags: ['notifications'],
      summary: 'Mark notifications read',
      protect: true,
      errorResponses: errorResponses(401),
    },
  })
  .input(markReadInput)
  .output(markReadOutput)
  .mutation(async ({ ctx, input }) => {
    // Another user's ids match nothing: they are simply not counted.
    const updated = await markNotificationsRead(ctx.db, {
      userId: ctx.auth.user.id,
      ids: input.all ? null : (input.ids ?? []),
    });
    return { updated };
  });
