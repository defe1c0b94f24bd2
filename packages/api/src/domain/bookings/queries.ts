import { type CarStatus, type Database, isPgError, type NewBookingRow, PgErrorCode } from '@carhub/db';
import { type Expression, type SqlBool, sql } from 'kysely';
import { AppError } from '../../errors';
import { type Page, type PageRequest, paginate } from '../../pagination';
import type { Viewer } from '../auth/principal';
import { type CarRecord, findCar } from '../cars/queries';
import type { HeldInterval } from '../showroom/rules';
import type { BookingAccessFacts } from './policy';
import { type BookingOutput, type BookingSort, bookingsKeyset } from './schemas';
import { ACTIVE_STATUSES, type BookingStatus } from './status-rules';

/** The columns behind `bookingOutput`; every query that answers with a booking selects these. */
export const bookingColumns = [
  'bookings.id',
  'bookings.carId',
  'bookings.customerId',
  'bookings.customerName',
  'bookings.kind',
  'bookings.status',
  'bookings.startAt',
  'bookings.endAt',
  'bookings.startDate',
  'bookings.endDate',
  'bookings.renterName',
  'bookings.renterPhone',
  'bookings.renterEmail',
  'bookings.createdBy',
  'bookings.handledBy',
  'bookings.notes',
  'bookings.createdAt',
  'bookings.updatedAt',
] as const;

/** A booking with what the policy and the notifications need to know about its car. */
export type BookingWithCar = BookingOutput &
  BookingAccessFacts & {
    carMake: string;
    carModel: string;
    carYear: number;
    /** The car's stock status (null for a garage car). */
    carStatus: CarStatus | null;
  };

/**
 * The exclusion constraint's message names both keys, e.g. `(car_id, tstzrange(start_at,
 * end_at))=(…, ["2027-03-01 09:00:00+00","2027-03-01 10:00:00+00"))`: the existing one is the clash.
 */
function clashFromDetail(detail: string | undefined): { startAt: Date; endAt: Date } | null {
  const existing = detail?.split('conflicts with existing key')[1];
  const match = existing && /\["?([^",]+)"?,"?([^",)]+)"?\)/.exec(existing);
  if (!match?.[1] || !match[2]) return null;
  const startAt = new Date(match[1].replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  const endAt = new Date(match[2].replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  return Number.isNaN(startAt.getTime()) || Number.isNaN(endAt.getTime()) ? null : { startAt, endAt };
}

/** A clash with another pending/approved booking of the car is the caller's 409, never a 500. */
export function bookingConflictFromExclusion(error: unknown): never {
  if (isPgError(error, PgErrorCode.exclusionViolation) && error.constraint === 'bookings_buffer_clear') {
    // Only a race gets here (the buffer is checked under the car's lock first), or a booking
    // made with a longer buffer than today's: [start, end + its buffer) is what clashed.
    const clash = clashFromDetail(error.detail);
    const message = clash
      ? `Too close to another booking of this car, which holds it from ${clash.startAt.toISOString()} to ${clash.endAt.toISOString()} with the showroom's buffer; choose a time further away.`
      : "Too close to another booking of this car under the showroom's buffer; choose a time further away.";
    throw new AppError('CONFLICT', message, { cause: error });
  }
  if (isPgError(error, PgErrorCode.exclusionViolation)) {
    const clash = clashFromDetail(error.detail);
    const message = clash
      ? `The car is already booked from ${clash.startAt.toISOString()} to ${clash.endAt.toISOString()}; choose a time that doesn't overlap.`
      : "The car is already booked for an overlapping time; choose a time that doesn't overlap.";
    throw new AppError('CONFLICT', message, { cause: error });
  }
  throw error;
}

export async function insertBooking(db: Database, values: NewBookingRow): Promise<BookingOutput> {
  try {
    return await db.insertInto('bookings').values(values).returning(bookingColumns).executeTakeFirstOrThrow();
  } catch (error) {
    bookingConflictFromExclusion(error);
  }
}

export async function updateBooking(
  db: Database,
  id: string,
  changes: Partial<
    Pick<
      NewBookingRow,
      'status' | 'handledBy' | 'startAt' | 'endAt' | 'startDate' | 'endDate' | 'carId' | 'bufferMinutes'
    >
  >,
): Promise<BookingOutput> {
  try {
    return await db
      .updateTable('bookings')
      .set(changes)
      .where('bookings.id', '=', id)
      .returning(bookingColumns)
      .executeTakeFirstOrThrow();
  } catch (error) {
    bookingConflictFromExclusion(error);
  }
}

function bookingsWithCar(db: Database) {
  return db
    .selectFrom('bookings')
    .innerJoin('cars', 'cars.id', 'bookings.carId')
    .select(bookingColumns)
    .select([
      'cars.ownerId as carOwnerId',
      'cars.make as carMake',
      'cars.model as carModel',
      'cars.year as carYear',
      'cars.status as carStatus',
    ]);
}

/** One booking with its car's facts; `forUpdate` locks the booking row so two actions on it queue. */
export async function findBooking(
  db: Database,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<BookingWithCar | undefined> {
  let query = bookingsWithCar(db).where('bookings.id', '=', id);
  if (options.forUpdate) query = query.forUpdate('bookings');
  return query.executeTakeFirst();
}

/**
 * The car's pending and approved bookings that start after `now`, locked, in time order: what
 * a sale cancels. One under way (started, not over) is left to finish. Call with the car row
 * locked (no booking of it can come or go meanwhile). Their customers are key-share locked
 * first: deleting a user locks the user, then their bookings (ON DELETE SET NULL), so taking
 * the bookings first and the customer later (the outbox row for them) could deadlock.
 */
export async function futureActiveBookingsOfCar(db: Database, carId: string, now: Date): Promise<BookingWithCar[]> {
  const future = (q: ReturnType<typeof bookingsWithCar>) =>
    q
      .where('bookings.carId', '=', carId)
      .where('bookings.status', 'in', ACTIVE_STATUSES)
      .where('bookings.startAt', '>', now);
  await db
    .selectFrom('users')
    .select('users.id')
    .where('users.id', 'in', future(bookingsWithCar(db)).clearSelect().select('bookings.customerId'))
    .orderBy('users.id')
    .forKeyShare()
    .execute();
  return future(bookingsWithCar(db)).orderBy('bookings.startAt').forUpdate('bookings').execute();
}

export function toBookingOutput(booking: BookingWithCar): BookingOutput {
  const { carOwnerId: _o, carMake: _m, carModel: _mo, carYear: _y, carStatus: _s, ...output } = booking;
  return output;
}

/**
 * The customer's test drives that still hold a slot: pending or approved and not yet over
 * (one nobody marked completed after the fact doesn't block new ones forever).
 */
export async function countActiveTestDrives(db: Database, customerId: string, now: Date): Promise<number> {
  const row = await db
    .selectFrom('bookings')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('bookings.customerId', '=', customerId)
    .where('bookings.kind', '=', 'test_drive')
    .where('bookings.status', 'in', ACTIVE_STATUSES)
    .where('bookings.endAt', '>', now)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Serialises booking creation per customer until the transaction ends, so two concurrent
 * requests can't both see two active test drives and make it four. FOR NO KEY UPDATE leaves
 * foreign-key checks against the row (which take KEY SHARE) unblocked.
 */
export async function lockCustomer(db: Database, customerId: string): Promise<{ name: string } | undefined> {
  return db
    .selectFrom('users')
    .select(sql<string>`users.first_name || ' ' || users.last_name`.as('name'))
    .where('users.id', '=', customerId)
    .forNoKeyUpdate()
    .executeTakeFirst();
}

/**
 * Locks the car's calendar until the transaction ends, so creates for one car queue here.
 * The exclusion constraint alone keeps overlaps out, but PostgreSQL checks it after inserting
 * the index entry and waits for any uncommitted booking it overlaps: two creates inserting
 * into one slot at once each wait for the other. Only the deadlock detector breaks that
 * (after deadlock_timeout, 1 s by default; the victim gets 40P01, a 500 instead of a 409),
 * and under a burst each next contender meets the survivor's entry again: 50 creates for one
 * hour took up to 40 s. Queued, a create's insert meets no other create's uncommitted entry
 * and fails at once with 23P01. FOR NO KEY UPDATE leaves foreign-key checks against the car
 * (KEY SHARE) unblocked. Take it after lockCustomer: users before cars is also the order of
 * deleting a user (their row, then their garage by cascade). The car is read under the lock,
 * so a sale or status change that committed while the caller waited is what it sees
 * (undefined when the car is gone): judge bookability on this row, not an earlier read.
 */
export function lockCarCalendar(db: Database, carId: string): Promise<CarRecord | undefined> {
  return findCar(db, carId, { forNoKeyUpdate: true });
}

/**
 * The car's pending/approved bookings that come within `marginMinutes` of [from, to), with the
 * end each holds (its end plus the buffer it was made with): what the slots and the buffer
 * check compare against. `excludeId` leaves out the booking being moved.
 */
export async function heldIntervals(
  db: Database,
  carId: string,
  window: { from: Date; to: Date; marginMinutes: number; excludeId?: string | undefined },
): Promise<HeldInterval[]> {
  const margin = window.marginMinutes * 60_000;
  let query = db
    .selectFrom('bookings')
    .select(['bookings.startAt', 'bookings.endAt', 'bookings.heldUntil'])
    .where('bookings.carId', '=', carId)
    .where('bookings.status', 'in', ACTIVE_STATUSES)
    .where('bookings.startAt', '<', new Date(window.to.getTime() + margin))
    .where('bookings.heldUntil', '>', new Date(window.from.getTime() - margin));
  if (window.excludeId) query = query.where('bookings.id', '<>', window.excludeId);
  return query.orderBy('bookings.startAt').execute();
}

export async function countCarBookings(db: Database, carId: string): Promise<number> {
  const row = await db
    .selectFrom('bookings')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('bookings.carId', '=', carId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export interface BookingFilters {
  from?: Date | undefined;
  to?: Date | undefined;
  status?: BookingStatus | undefined;
  kind?: 'rental' | 'test_drive' | undefined;
  carId?: string | undefined;
  customerId?: string | undefined;
}

/**
 * The bookings the viewer may see (policy.canSeeBooking, as SQL) that match the filters.
 * A client's visibility is an OR of two index-backed sets: bookings they are customer of
 * (customer index) and rentals of their garage cars (car index via their cars).
 */
export async function listBookings(
  db: Database,
  viewer: Viewer,
  filters: BookingFilters,
  page: PageRequest<BookingSort>,
): Promise<Page<BookingOutput>> {
  return paginate(bookingsQuery(db, viewer, filters), bookingsKeyset, page);
}

/** The visible, filtered bookings, unordered and unpaged: the list and the CSV export page it themselves. */
export function bookingsQuery(db: Database, viewer: Viewer, filters: BookingFilters) {
  return db
    .selectFrom('bookings')
    .select(bookingColumns)
    .where((eb) => {
      const conditions: Expression<SqlBool>[] = [];
      if (viewer.role === 'staff') {
        conditions.push(
          eb('bookings.carId', 'in', eb.selectFrom('cars').select('cars.id').where('cars.ownerId', 'is', null)),
        );
      } else if (viewer.role === 'client') {
        conditions.push(
          eb.or([
            eb('bookings.customerId', '=', viewer.id),
            eb.and([
              eb('bookings.kind', '=', 'rental'),
              // = any(array(...)), not IN (...): an init plan the planner can BitmapOr with the
              // customer index; IN made it walk the whole start_at index filtering (measured: 1M rows).
              sql<SqlBool>`${eb.ref('bookings.carId')} = any(array(${eb
                .selectFrom('cars')
                .select('cars.id')
                .where('cars.ownerId', '=', viewer.id)}))`,
            ]),
          ]),
        );
      }
      if (filters.from) {
        conditions.push(eb('bookings.endAt', '>', filters.from));
        // Implied by the line above (no booking is longer than the longest), but index-usable:
        // it bounds the start_at walk from below (bookings_duration_idx answers the max).
        conditions.push(
          sql<SqlBool>`${eb.ref('bookings.startAt')} > ${filters.from}::timestamptz - (select max(end_at - start_at) from bookings)`,
        );
      }
      if (filters.to) conditions.push(eb('bookings.startAt', '<', filters.to));
      if (filters.status) conditions.push(eb('bookings.status', '=', filters.status));
      if (filters.kind) conditions.push(eb('bookings.kind', '=', filters.kind));
      if (filters.carId) conditions.push(eb('bookings.carId', '=', filters.carId));
      if (filters.customerId) conditions.push(eb('bookings.customerId', '=', filters.customerId));
      return eb.and(conditions);
    });
}
