const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const km = new Intl.NumberFormat('en-US');

export function formatPrice(price: string | null): string {
  return price === null ? 'Price on request' : money.format(Number(price));
}

export function formatMileage(mileage: number): string {
  return `${km.format(mileage)} km`;
}

export function label(value: string | null | undefined): string {
  if (!value) return '—';
  const text = value.replace('_', ' ');
  return text === 'suv' || text === 'lpg' ? text.toUpperCase() : text.charAt(0).toUpperCase() + text.slice(1);
}

/** A date and time in the showroom's zone, e.g. "Tue 1 Dec 2026, 14:00". */
export function formatInZone(date: Date, timeZone: string | undefined, withZone = false): string {
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    ...(withZone ? { timeZoneName: 'short' } : {}),
  }).format(date);
}

/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export function isoDateInZone(date: Date, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** A calendar date (YYYY-MM-DD) for people, e.g. "Mon, 21 Dec 2026". */
export function formatDay(date: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
}

/** A rental given as whole days: "Mon, 21 Dec 2026 to Wed, 23 Dec 2026". */
export function formatDays(startDate: string, endDate: string | null): string {
  return endDate && endDate !== startDate ? `${formatDay(startDate)} to ${formatDay(endDate)}` : formatDay(startDate);
}
