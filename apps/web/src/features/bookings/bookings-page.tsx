import { useCarhub } from '@carhub/sdk/react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { Button, buttonClass } from '../../components/ui/button';
import { EmptyState, Loading, PageHeader, Skeleton } from '../../components/ui/feedback';
import { SelectField } from '../../components/ui/field';
import { errorMessage } from '../../lib/api-error';
import { formatDays, formatInZone, label } from '../../lib/format';
import { serverSettings } from '../../lib/server-settings';
import { type Booking, BookingActions } from './booking-actions';
import { useCarName } from './car-name';
import { MonthCalendar } from './month-calendar';

const statuses = ['pending', 'approved', 'declined', 'cancelled', 'completed', 'no_show'] as const;
const kinds = ['test_drive', 'rental'] as const;
type Status = (typeof statuses)[number];
type Kind = (typeof kinds)[number];

const statusStyle: Record<string, string> = {
  pending: 'bg-amber-100 text-amber-900',
  approved: 'bg-emerald-100 text-emerald-900',
  declined: 'bg-red-100 text-red-900',
  cancelled: 'bg-slate-200 text-slate-800',
  completed: 'bg-sky-100 text-sky-900',
  no_show: 'bg-slate-200 text-slate-800',
};

function BookingRow({ booking, timeZone }: { booking: Booking; timeZone: string | undefined }) {
  const carName = useCarName(booking.carId, booking.kind);
  const when = booking.startDate
    ? formatDays(booking.startDate, booking.endDate)
    : formatInZone(booking.startAt, timeZone, true);
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="font-semibold text-slate-900">{carName}</h2>
          <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${statusStyle[booking.status] ?? ''}`}>
            {label(booking.status)}
          </span>
          <span className="text-xs text-slate-600">{booking.kind === 'test_drive' ? 'Test drive' : 'Rental'}</span>
        </div>
        <p className="mt-1 text-sm text-slate-700">{when}</p>
      </div>
      <BookingActions booking={booking} carName={carName} />
    </li>
  );
}

function CalendarTitle({ booking, timeZone }: { booking: Booking; timeZone: string | undefined }) {
  const name = useCarName(booking.carId, booking.kind);
  if (booking.kind === 'rental') return <>{name}</>;
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone }).format(
    booking.startAt,
  );
  return (
    <>
      {time} {name}
    </>
  );
}

export function BookingsPage() {
  const carhub = useCarhub();
  const timeZone = serverSettings.showroomTimeZone ?? undefined;
  const [view, setView] = useState<'list' | 'calendar'>('list');
  const [status, setStatus] = useState<Status | ''>('');
  const [kind, setKind] = useState<Kind | ''>('');
  const list = useInfiniteQuery(
    carhub.bookings.list.infiniteQueryOptions(
      { limit: 50, ...(status ? { status } : {}), ...(kind ? { kind } : {}) },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const bookings = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div>
      <PageHeader title="My bookings">
        <fieldset className="inline-flex rounded-lg bg-white p-1 ring-1 ring-slate-300">
          <legend className="sr-only">View</legend>
          {(['list', 'calendar'] as const).map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={view === v}
              onClick={() => setView(v)}
              className={`rounded-md px-3 py-1.5 text-sm font-semibold ${view === v ? 'bg-accent-600 text-white' : 'text-slate-700'}`}
            >
              {v === 'list' ? 'List' : 'Calendar'}
            </button>
          ))}
        </fieldset>
      </PageHeader>
      <div className="mb-4 grid max-w-md grid-cols-2 gap-3">
        <SelectField
          label="Status"
          value={status}
          onChange={(e) => setStatus(e.target.value as Status | '')}
          options={[{ value: '', label: 'All' }, ...statuses.map((s) => ({ value: s, label: label(s) }))]}
        />
        <SelectField
          label="Kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as Kind | '')}
          options={[
            { value: '', label: 'All' },
            { value: 'test_drive', label: 'Test drives' },
            { value: 'rental', label: 'Rentals' },
          ]}
        />
      </div>
      {list.isPending ? (
        <Loading label="Loading bookings">
          <div className="space-y-3">
            <Skeleton className="h-20" />
            <Skeleton className="h-20" />
          </div>
        </Loading>
      ) : list.isError ? (
        <EmptyState
          title="We couldn't load your bookings"
          action={<Button onClick={() => list.refetch()}>Try again</Button>}
        >
          {errorMessage(list.error)}
        </EmptyState>
      ) : bookings.length === 0 ? (
        <EmptyState
          title={status || kind ? 'No bookings match' : 'No bookings yet'}
          action={
            <Link to="/" className={buttonClass()}>
              Browse cars and book a drive
            </Link>
          }
        >
          Pick a car in the catalogue and choose a free hour for a test drive.
        </EmptyState>
      ) : view === 'list' ? (
        <>
          <ul className="space-y-3">
            {bookings.map((b) => (
              <BookingRow key={b.id} booking={b} timeZone={timeZone} />
            ))}
          </ul>
          {list.hasNextPage ? (
            <Button variant="secondary" className="mt-4" onClick={() => list.fetchNextPage()}>
              Show more
            </Button>
          ) : null}
        </>
      ) : (
        <MonthCalendar
          timeZone={timeZone}
          entries={bookings.map((b) => ({
            id: b.id,
            startAt: b.startAt,
            endAt: b.endAt,
            status: b.status,
            title: <CalendarTitle booking={b} timeZone={timeZone} />,
          }))}
        />
      )}
    </div>
  );
}
