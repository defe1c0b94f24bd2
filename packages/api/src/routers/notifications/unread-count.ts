import { countUnread } from '../../domain/notifications/inbox-queries';
import { unreadCountOutput } from '../../domain/notifications/schemas';
import { errorResponses } from '../../openapi-meta';
import { noInput } from '../../query-params';
import { authedProcedure } from '../../trpc';

export const unreadCount = authedProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/notifications/unread-count',
      tags: ['notifications'],
      summary: 'How many notifications are unread',
      protect: true,
      errorResponses: errorResponses(401),
    },
  })
  .input(noInput)
  .output(unreadCountOutput)
  .query(async ({ ctx }) => ({ count: await countUnread(ctx.db, ctx.auth.user.id) }));
