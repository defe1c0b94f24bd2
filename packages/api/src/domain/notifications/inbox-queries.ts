import type { Database } from '@carhub/db';
import { sql } from 'kysely';
import { type KeysetSort, type PageRequest, paginate } from '../../pagination';
import { notificationsKeyset } from './schemas';

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

/** The user's notifications, a page at a time (newest first by default). */
export async function listNotifications(
  db: Database,
  args: { userId: string; unread: boolean; page: PageRequest<KeysetSort<typeof notificationsKeyset>> },
) {
  let query = db
    .selectFrom('notifications')
    .select(notificationColumns)
    .where('notifications.userId', '=', args.userId);
  if (args.unread) query = query.where('notifications.readAt', 'is', null);
  const page = await paginate(query, notificationsKeyset, args.page);
  return { ...page, items: page.items.map((r) => ({ ...r, data: (r.data ?? {}) as Record<string, unknown> })) };
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
