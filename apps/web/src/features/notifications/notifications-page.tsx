import { useCarhub } from '@carhub/sdk/react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { toast } from 'sonner';
import { Button, buttonClass } from '../../components/ui/button';
import { EmptyState, Loading, PageHeader, Skeleton } from '../../components/ui/feedback';
import { errorMessage } from '../../lib/api-error';
import { formatInZone } from '../../lib/format';

export function NotificationsPage() {
  const carhub = useCarhub();
  const queryClient = useQueryClient();
  const list = useInfiniteQuery(
    carhub.notifications.list.infiniteQueryOptions({ limit: 30 }, { getNextPageParam: (p) => p.nextCursor }),
  );
  const markRead = useMutation({
    ...carhub.notifications.markRead.mutationOptions(),
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries(carhub.notifications.list.infiniteQueryFilter()),
        queryClient.invalidateQueries(carhub.notifications.unreadCount.queryFilter()),
      ]),
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = items.filter((n) => n.readAt === null);
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title="Notifications">
        <Button
          variant="secondary"
          disabled={unread.length === 0 || markRead.isPending}
          onClick={() => markRead.mutate({ all: true })}
        >
          Mark all as read
        </Button>
      </PageHeader>
      {list.isPending ? (
        <Loading label="Loading notifications">
          <Skeleton className="h-48" />
        </Loading>
      ) : list.isError ? (
        <EmptyState title="We couldn't load your notifications">{errorMessage(list.error)}</EmptyState>
      ) : items.length === 0 ? (
        <EmptyState
          title="You're all caught up"
          action={
            <Link to="/" className={buttonClass()}>
              Browse the catalogue
            </Link>
          }
        >
          Booking updates and reminders show up here.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-slate-200">
          {items.map((n) => (
            <li
              key={n.id}
              className={`flex flex-col gap-2 p-4 sm:flex-row sm:items-center sm:gap-4 ${n.readAt ? '' : 'bg-accent-50'}`}
            >
              <div className="min-w-0 flex-1">
                <h2 className="font-semibold text-slate-900">
                  {n.readAt ? null : <span className="sr-only">Unread: </span>}
                  {n.title}
                </h2>
                <p className="mt-0.5 text-sm text-slate-700">{n.body}</p>
                <p className="mt-1 text-xs text-slate-600">{formatInZone(n.createdAt, undefined)}</p>
              </div>
              {n.readAt ? null : (
                <Button
                  variant="ghost"
                  className="-ml-4 self-start sm:ml-0 sm:self-center"
                  onClick={() => markRead.mutate({ ids: [n.id] })}
                  aria-label={`Mark as read: ${n.title}`}
                >
                  Mark as read
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
