import type { RouterInputs, RouterOutputs } from '@carhub/sdk';
import { useCarhub } from '@carhub/sdk/react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '../../components/ui/button';
import { EmptyState, Loading, PageHeader, Skeleton } from '../../components/ui/feedback';
import { SelectField, TextField } from '../../components/ui/field';
import { errorMessage } from '../../lib/api-error';
import { formatInZone, label } from '../../lib/format';
import { serverSettings } from '../../lib/server-settings';
import { carTitle, DeskPage, MoreButton, TableFrame, TableHead, td } from './admin-shell';
import { ShowroomCalendar } from './showroom-calendar';

type Booking = RouterOutputs['bookings']['list']['items'][number];
type Filters = NonNullable<RouterInputs['bookings']['list']>;
type Action = 'approve' | 'decline' | 'complete' | 'noShow';

const actionsFor: Record<string, { action: Action; label: string; done: string }[]> = {
  pending: [
    { action: 'approve', label: 'Approve', done: 'Approved: the customer is told.' },
    { action: 'decline', label: 'Decline', done: 'Declined: the customer is told.' },
  ],
  approved: [
    { action: 'complete', label: 'Complete', done: 'Marked completed.' },
    { action: 'noShow', label: 'No-show', done: 'Marked as a no-show.' },
  ],
};

function useBookingAction() {
  const carhub = useCarhub();
  const queryClient = useQueryClient();
  const options = {
    onError: (error: unknown) => toast.error(errorMessage(error)),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries(carhub.bookings.pathFilter()),
        queryClient.invalidateQueries(carhub.admin.dashboard.queryFilter()),
      ]),
  };
  return {
    approve: useMutation({ ...carhub.bookings.approve.mutationOptions(), ...options }),
    decline: useMutation({ ...carhub.bookings.decline.mutationOptions(), ...options }),
    complete: useMutation({ ...carhub.bookings.complete.mutationOptions(), ...options }),
    noShow: useMutation({ ...carhub.bookings.noShow.mutationOptions(), ...options }),
  };
}

/** The booking's car as staff see it: stock by its title; a garage car (an owner's rental) as such. */
function useDeskCarName(carId: string): string {
  const carhub = useCarhub();
  const car = useQuery({ ...carhub.inventory.get.queryOptions({ id: carId }), retry: false, staleTime: 300_000 });
  if (car.data) return carTitle(car.data);
  return car.isError ? 'Garage car' : 'Loading car…';
}

function BookingRow({ booking, actions }: { booking: Booking; actions: ReturnType<typeof useBookingAction> }) {
  const car = useDeskCarName(booking.carId);
  const timeZone = serverSettings.showroomTimeZone ?? undefined;
  return (
    <tr>
      <td className={td}>{formatInZone(booking.startAt, timeZone)}</td>
      <td className={td}>{car}</td>
      <td className={td}>{booking.customerName ?? booking.renterName ?? '—'}</td>
      <td className={td}>{label(booking.kind)}</td>
      <td className={td}>
        <span
          className={`rounded-full px-2 py-0.5 text-xs font-semibold ${booking.status === 'pending' ? 'bg-amber-100 text-amber-900' : 'bg-slate-100 text-slate-800'}`}
        >
          {label(booking.status)}
        </span>
      </td>
      <td className={td}>
        <div className="flex flex-wrap gap-2">
          {(actionsFor[booking.status] ?? []).map((a) => (
            <Button
              key={a.action}
              variant={a.action === 'approve' || a.action === 'complete' ? 'primary' : 'secondary'}
              aria-label={`${a.label}: ${car}, ${booking.customerName ?? 'customer'}`}
              disabled={actions[a.action].isPending}
              onClick={() => actions[a.action].mutate({ id: booking.id }, { onSuccess: () => toast.success(a.done) })}
            >
              {a.label}
            </Button>
          ))}
        </div>
      </td>
    </tr>
  );
}

function BookingTable({ title, filters }: { title: string; filters: Filters }) {
  const carhub = useCarhub();
  const actions = useBookingAction();
  const list = useInfiniteQuery(
    carhub.bookings.list.infiniteQueryOptions({ limit: 20, ...filters }, { getNextPageParam: (p) => p.nextCursor }),
  );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="mt-6" aria-label={title}>
      <h2 className="mb-3 font-semibold text-slate-900">{title}</h2>
      {list.isPending ? (
        <Loading label={`Loading ${title.toLowerCase()}`}>
          <Skeleton className="h-40" />
        </Loading>
      ) : list.isError ? (
        <p role="alert" className="text-red-700">
          {errorMessage(list.error)}
        </p>
      ) : items.length === 0 ? (
        <EmptyState title="Nothing here">No booking matches.</EmptyState>
      ) : (
        <TableFrame label={title}>
          <TableHead columns={['Starts', 'Car', 'Customer', 'Kind', 'Status', 'Actions']} />
          <tbody className="divide-y divide-slate-100">
            {items.map((b) => (
              <BookingRow key={b.id} booking={b} actions={actions} />
            ))}
          </tbody>
        </TableFrame>
      )}
      <MoreButton query={list} />
    </section>
  );
}

const statuses = ['', 'pending', 'approved', 'declined', 'cancelled', 'completed', 'no_show'];
const kinds = ['', 'test_drive', 'rental'];
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function Queue() {
  const [form, setForm] = useState({ status: '', kind: '', from: '', to: '', carId: '', customerId: '' });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  const filters: Filters = {
    ...(form.status ? { status: form.status as Filters['status'] } : {}),
    ...(form.kind ? { kind: form.kind as Filters['kind'] } : {}),
    ...(form.from ? { from: new Date(`${form.from}T00:00:00`) } : {}),
    ...(form.to ? { to: new Date(`${form.to}T23:59:59`) } : {}),
    ...(uuid.test(form.carId) ? { carId: form.carId } : {}),
    ...(uuid.test(form.customerId) ? { customerId: form.customerId } : {}),
  };
  return (
    <>
      <PageHeader title="Booking queue" />
      <BookingTable title="Waiting for approval" filters={{ status: 'pending', kind: 'test_drive', sort: 'startAt' }} />
      <section className="mt-8" aria-label="Filters">
        <h2 className="mb-3 font-semibold text-slate-900">All bookings</h2>
        <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
          <SelectField
            label="Status"
            value={form.status}
            onChange={set('status')}
            options={statuses.map((s) => ({ value: s, label: s ? label(s) : 'Any' }))}
          />
          <SelectField
            label="Kind"
            value={form.kind}
            onChange={set('kind')}
            options={kinds.map((k) => ({ value: k, label: k ? label(k) : 'Any' }))}
          />
          <TextField label="From" type="date" value={form.from} onChange={set('from')} />
          <TextField label="To" type="date" value={form.to} onChange={set('to')} />
          <TextField
            label="Car id"
            value={form.carId}
            onChange={set('carId')}
            error={form.carId && !uuid.test(form.carId) ? 'Paste a car id.' : undefined}
          />
          <TextField
            label="Customer id"
            value={form.customerId}
            onChange={set('customerId')}
            error={form.customerId && !uuid.test(form.customerId) ? 'Paste a customer id.' : undefined}
          />
        </div>
      </section>
      <BookingTable title="Bookings" filters={filters} />
      <ShowroomCalendar />
    </>
  );
}

export function BookingsQueuePage() {
  return <DeskPage>{() => <Queue />}</DeskPage>;
}
