import { listNotifications } from '../../domain/notifications/inbox-queries';
import { listNotificationsInput, listNotificationsOutput } from '../../domain/notifications/schemas';
import { errorResponses } from '../../openapi-meta';
import { authedProcedure } from '../../trpc';

export const list = authedProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/notifications',
      tags: ['notifications'],
      summary: 'Your notifications, newest first',
      protect: true,
      errorResponses: errorResponses(401),
    },
  })
  .input(listNotificationsInput)
  .output(listNotificationsOutput)
  .query(({ ctx, input }) =>
    listNotifications(ctx.db, { userId: ctx.auth.user.id, unread: input.unread ?? false, page: input }),
  );
