import type { Database } from '@carhub/db';
import { sql } from 'kysely';

/**
 * A controllable clock and showroom zone, passed through the context's settings exactly as
 * the server passes its own: tests move `clock.now` instead of mocking Date.
 */
export function showroom(timeZone: string, start: Date) {
  const clock = { now: start };
  const settings = { showroomTimeZone: timeZone, now: () => clock.now };
  return { clock, settings };
}

export type Settings = ReturnType<typeof showroom>['settings'];

export const stockFields = {
  fuelType: 'petrol',
  bodyType: 'sedan',
  transmission: 'manual',
  price: '15000.00',
} as const;

/** The outbox events written for one booking, oldest first. */
export async function bookingEvents(db: Database, bookingId: string) {
  const { rows } = await sql<{ type: string; payload: Record<string, unknown>; recipients: string[] }>`
    select e.type, e.payload,
      coalesce(array_agg(distinct d.recipient_id::text) filter (where d.recipient_id is not null), '{}') as recipients
    from outbox_events e left join outbox_deliveries d on d.event_id = e.id
    where e.payload->>'bookingId' = ${bookingId}
    group by e.id order by e.created_at, e.id`.execute(db);
  return rows;
}
