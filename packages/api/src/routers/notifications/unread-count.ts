import { z } from 'zod';
import { countUnread } from '../../domain/notifications/inbox-queries';
import { unreadCountOutput } from '../../domain/notifications/schemas';
import { errorResponses } from '../../openapi-meta';
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
  .input(z.object({}).optional())
  .output(unreadCountOutput)
  .query(async ({ ctx }) => ({ count: await countUnread(ctx.db, ctx.auth.user.id) }));
