import type { RouterOutputs } from '@carhub/sdk';
import { useCarhub } from '@carhub/sdk/react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/ui/button';
import { Card, Loading, Skeleton } from '../../components/ui/feedback';
import { isoDateInZone, label } from '../../lib/format';
import { serverSettings } from '../../lib/server-settings';
import { TableFrame, td, th } from './admin-shell';

type Booking = RouterOutputs['bookings']['list']['items'][number];

const HOURS = [9, 10, 11, 12, 13, 14, 15, 16];
const DAY = 86_400_000;

function hourInZone(date: Date, timeZone: string | undefined): number {
  return Number(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone }).format(date));
}

function dayLabel(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(`${iso}T00:00:00Z`),
  );
}

/** The showroom's test drives by hour, a day or a week at a time, in showroom time. */
export function ShowroomCalendar() {
  const carhub = useCarhub();
  const timeZone = serverSettings.showroomTimeZone ?? undefined;
  const [view, setView] = useState<'day' | 'week'>('week');
  const [start, setStart] = useState(() => isoDateInZone(new Date(), timeZone));
  const days = Array.from({ length: view === 'day' ? 1 : 7 }, (_, i) =>
    new Date(Date.parse(`${start}T00:00:00Z`) + i * DAY).toISOString().slice(0, 10),
  );
  // A day either side covers any zone's offset; cells are matched by local date and hour.
  const from = new Date(Date.parse(`${days[0]}T00:00:00Z`) - DAY);
  const to = new Date(Date.parse(`${days.at(-1)}T00:00:00Z`) + 2 * DAY);
  const bookings = useQuery(
    carhub.bookings.list.queryOptions({ kind: 'test_drive', from, to, sort: 'startAt', limit: 100 }),
  );
  const shift = (n: number) =>
    setStart(new Date(Date.parse(`${start}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10));
  const step = view === 'day' ? 1 : 7;
  const visible = (bookings.data?.items ?? []).filter(
    (b: Booking) => b.status !== 'cancelled' && b.status !== 'declined',
  );
  const at = (day: string, hour: number) =>
    visible.filter((b) => isoDateInZone(b.startAt, timeZone) === day && hourInZone(b.startAt, timeZone) === hour);
  return (
    <Card className="mt-8">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h2 className="font-semibold text-slate-900">Showroom calendar</h2>
        <div className="flex flex-wrap items-center gap-2">
          <fieldset className="flex gap-1">
            <legend className="sr-only">View</legend>
            {(['day', 'week'] as const).map((v) => (
              <Button
                key={v}
                variant={view === v ? 'primary' : 'secondary'}
                aria-pressed={view === v}
                onClick={() => setView(v)}
              >
                {v === 'day' ? 'Day' : 'Week'}
              </Button>
            ))}
          </fieldset>
          <Button variant="secondary" onClick={() => shift(-step)} aria-label={`Previous ${view}`}>
            ←
          </Button>
          <label className="sr-only" htmlFor="calendar-start">
            First day shown
          </label>
          <input
            id="calendar-start"
            type="date"
            value={start}
            onChange={(e) => e.target.value && setStart(e.target.value)}
            className="rounded-lg border border-slate-300 px-2 py-1.5 text-sm"
          />
          <Button variant="secondary" onClick={() => shift(step)} aria-label={`Next ${view}`}>
            →
          </Button>
        </div>
      </div>
      {bookings.isPending ? (
        <Loading label="Loading the calendar">
          <Skeleton className="h-64" />
        </Loading>
      ) : (
        <TableFrame label="Showroom calendar">
          <thead className="bg-slate-50">
            <tr>
              <th className={th} scope="col">
                Hour
              </th>
              {days.map((day) => (
                <th key={day} className={th} scope="col">
                  {dayLabel(day)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {HOURS.map((hour) => (
              <tr key={hour}>
                <th scope="row" className={`${td} font-mono text-xs text-slate-600`}>
                  {String(hour).padStart(2, '0')}:00
                </th>
                {days.map((day) => (
                  <td key={day} className={`${td} min-w-24`}>
                    {at(day, hour).map((b) => (
                      <p
                        key={b.id}
                        className={`mb-1 rounded px-1.5 py-0.5 text-xs ${b.status === 'pending' ? 'bg-amber-100 text-amber-900' : 'bg-accent-50 text-accent-700'}`}
                      >
                        {b.customerName ?? 'Customer'} · {label(b.status)}
                      </p>
                    ))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
    </Card>
  );
}
