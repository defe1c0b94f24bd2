import type { Database } from '@carhub/db';
import { sql } from 'kysely';
import { bookingColumns } from '../bookings/queries';
import { ACTIVE_STATUSES } from '../bookings/status-rules';
import { feedSecret, hashFeedSecret } from './feed-secret';
import { type IcsEvent, renderCalendar } from './ics';

/**
 * The car's feed secret: the current one, or a new generation when asked to rotate or when
 * none exists (or the key changed, so the stored hash no longer matches what the key gives).
 * Call inside a transaction.
 */
export async function issueFeedSecret(
  db: Database,
  args: { carId: string; key: string; rotate: boolean; userId: string },
): Promise<string> {
  const existing = await db
    .selectFrom('calendarFeeds')
    .select(['calendarFeeds.feedId', 'calendarFeeds.secretHash'])
    .where('calendarFeeds.carId', '=', args.carId)
    .forUpdate()
    .executeTakeFirst();
  if (existing && !args.rotate) {
    const secret = feedSecret(args.key, args.carId, existing.feedId);
    if (hashFeedSecret(secret) === existing.secretHash) return secret;
  }
  const feedId = crypto.randomUUID();
  const secret = feedSecret(args.key, args.carId, feedId);
  const values = { feedId, secretHash: hashFeedSecret(secret), createdBy: args.userId, createdAt: sql<Date>`now()` };
  await db
    .insertInto('calendarFeeds')
    .values({ carId: args.carId, ...values })
    .onConflict((oc) => oc.column('carId').doUpdateSet(values))
    .execute();
  return secret;
}

const kindLabels = { rental: 'Rental', test_drive: 'Test drive' } as const;

/** The iCalendar text of the feed this secret opens, or null when no feed has it. */
export async function renderFeed(db: Database, secret: string, now: Date): Promise<string | null> {
  const car = await db
    .selectFrom('calendarFeeds')
    .innerJoin('cars', 'cars.id', 'calendarFeeds.carId')
    .select(['cars.id', 'cars.make', 'cars.model', 'cars.year', 'cars.licensePlate'])
    .where('calendarFeeds.secretHash', '=', hashFeedSecret(secret))
    .executeTakeFirst();
  if (!car) return null;
  const bookings = await db
    .selectFrom('bookings')
    .select(bookingColumns)
    .where('bookings.carId', '=', car.id)
    .where('bookings.status', 'in', ACTIVE_STATUSES)
    .orderBy('bookings.startAt')
    .execute();
  const events: IcsEvent[] = bookings.map((b) => {
    const who = b.renterName ?? b.customerName;
    return {
      uid: `${b.id}@carhub`,
      summary: `${kindLabels[b.kind]}${who ? `: ${who}` : ''}${b.status === 'pending' ? ' (pending)' : ''}`,
      description: b.notes,
      startAt: b.startAt,
      endAt: b.endAt,
      startDate: b.startDate,
      endDate: b.endDate,
      status: b.status === 'pending' ? 'TENTATIVE' : 'CONFIRMED',
      updatedAt: b.updatedAt,
    };
  });
  const plate = car.licensePlate ? ` (${car.licensePlate})` : '';
  return renderCalendar({ name: `${car.year} ${car.make} ${car.model}${plate}`, events, now });
}
