import { AppError } from '../../errors';
import { decodeCursor, page } from '../../pagination';
import { authedProcedure } from '../../trpc';
import { listNotifications, notificationExists } from './queries';
import { listNotificationsInput, listNotificationsOutput } from './schemas';

const SORT = '-createdAt';

export const list = authedProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/notifications',
      tags: ['notifications'],
      summary: 'Your notifications, newest first',
      protect: true,
    },
  })
  .input(listNotificationsInput)
  .output(listNotificationsOutput)
  .query(async ({ ctx, input }) => {
    const userId = ctx.auth.user.id;
    const afterId = input.cursor ? decodeCursor(input.cursor, SORT) : null;
    if (afterId && !(await notificationExists(ctx.db, userId, afterId))) {
      throw new AppError('BAD_REQUEST', 'Invalid cursor.', { fieldErrors: { cursor: ['Invalid cursor.'] } });
    }
    const rows = await listNotifications(ctx.db, {
      userId,
      limit: input.limit,
      unread: input.unread ?? false,
      afterId,
    });
    return page(rows, input.limit, SORT);
  });
