import type { Database } from '@carhub/db';
import { sql } from 'kysely';

export const notificationColumns = [
  'notifications.id',
  'notifications.type',
  'notifications.title',
  'notifications.body',
  'notifications.link',
  'notifications.data',
  'notifications.readAt',
  'notifications.createdAt',
] as const;

/** Newest first; `afterId` is the last row of the previous page (one of the user's own). */
export async function listNotifications(
  db: Database,
  args: { userId: string; limit: number; unread: boolean; afterId: string | null },
) {
  let query = db
    .selectFrom('notifications')
    .select(notificationColumns)
    .where('notifications.userId', '=', args.userId)
    .orderBy('notifications.createdAt', 'desc')
    .orderBy('notifications.id', 'desc')
    .limit(args.limit + 1);
  if (args.unread) query = query.where('notifications.readAt', 'is', null);
  if (args.afterId) {
    const afterId = args.afterId;
    query = query.where(
      (eb) => eb.refTuple('notifications.createdAt', 'notifications.id'),
      '<',
      (eb) =>
        eb
          .selectFrom('notifications as n')
          .select(['n.createdAt', 'n.id'])
          .where('n.id', '=', afterId)
          .where('n.userId', '=', args.userId)
          .$asTuple('createdAt', 'id'),
    );
  }
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, data: (r.data ?? {}) as Record<string, unknown> }));
}

export async function notificationExists(db: Database, userId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('notifications')
    .select('id')
    .where('id', '=', id)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function markNotificationsRead(db: Database, args: { userId: string; ids: string[] | null }) {
  let query = db
    .updateTable('notifications')
    .set({ readAt: sql`now()` })
    .where('userId', '=', args.userId)
    .where('readAt', 'is', null);
  if (args.ids) query = query.where('id', 'in', args.ids);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function countUnread(db: Database, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
