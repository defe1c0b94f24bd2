import { type ReactNode, useState } from 'react';
import { Button } from '../../components/ui/button';
import { isoDateInZone } from '../../lib/format';

export interface CalendarEntry {
  id: string;
  startAt: Date;
  endAt: Date;
  title: ReactNode;
  status: string;
}

const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function monthDays(year: number, month: number): (string | null)[] {
  const first = new Date(Date.UTC(year, month, 1));
  const lead = (first.getUTCDay() + 6) % 7;
  const count = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const days: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 1; d <= count; d++) days.push(new Date(Date.UTC(year, month, d)).toISOString().slice(0, 10));
  while (days.length % 7 !== 0) days.push(null);
  return days;
}

function weeks(days: (string | null)[]) {
  const rows: { key: string; days: (string | null)[] }[] = [];
  for (let i = 0; i < days.length; i += 7) {
    const slice = days.slice(i, i + 7);
    rows.push({ key: slice.find((d) => d !== null) ?? `row-${i}`, days: slice });
  }
  return rows;
}

/** A month grid with each booking on the showroom-zone days it covers. */
export function MonthCalendar({
  entries,
  timeZone,
  initial,
}: {
  entries: readonly CalendarEntry[];
  timeZone: string | undefined;
  initial?: Date;
}) {
  const start = initial ?? entries[0]?.startAt ?? new Date();
  const [cursor, setCursor] = useState({ year: start.getFullYear(), month: start.getMonth() });
  const days = monthDays(cursor.year, cursor.month);
  const title = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(cursor.year, cursor.month, 1)),
  );
  const byDay = new Map<string, CalendarEntry[]>();
  for (const entry of entries) {
    const first = isoDateInZone(entry.startAt, timeZone);
    const last = isoDateInZone(new Date(entry.endAt.getTime() - 1), timeZone);
    for (const day of days) {
      if (day && day >= first && day <= last) byDay.set(day, [...(byDay.get(day) ?? []), entry]);
    }
  }
  const step = (delta: number) =>
    setCursor(({ year, month }) => {
      const m = month + delta;
      return { year: year + Math.floor(m / 12), month: ((m % 12) + 12) % 12 };
    });
  return (
    <section aria-label={`Calendar, ${title}`} className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="mb-3 flex items-center justify-between">
        <Button variant="ghost" onClick={() => step(-1)} aria-label="Previous month">
          ←
        </Button>
        <h2 className="text-lg font-semibold text-slate-900" aria-live="polite">
          {title}
        </h2>
        <Button variant="ghost" onClick={() => step(1)} aria-label="Next month">
          →
        </Button>
      </div>
      <table className="w-full table-fixed border-collapse text-left">
        <caption className="sr-only">Bookings in {title}</caption>
        <thead>
          <tr>
            {weekdays.map((d) => (
              <th key={d} scope="col" className="bg-slate-50 py-1 text-center text-xs font-semibold text-slate-600">
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks(days).map((week) => (
            <tr key={week.key}>
              {week.days.map((day, i) => {
                const items = day ? (byDay.get(day) ?? []) : [];
                return (
                  <td
                    key={day ?? `${week.key}-${i}`}
                    className="h-16 min-w-0 border border-slate-200 bg-white p-1 align-top sm:h-24"
                  >
                    {day ? (
                      <div className="text-xs font-medium text-slate-600">
                        <span className="sr-only">{day}</span>
                        <span aria-hidden="true">{Number(day.slice(8))}</span>
                      </div>
                    ) : null}
                    {items.length ? (
                      <ul className="space-y-0.5">
                        {items.map((item) => (
                          <li
                            key={item.id}
                            className={`truncate rounded px-1 text-[11px] font-medium ${
                              item.status === 'approved'
                                ? 'bg-emerald-100 text-emerald-900'
                                : 'bg-accent-100 text-accent-700'
                            }`}
                          >
                            {item.title}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
