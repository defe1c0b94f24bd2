import { AppError } from '../../errors';
import { isStaff, type Viewer } from '../auth/principal';
import { type CarAccessFacts, canSeeStockCar, canUseGarageCar, carNotFound } from '../cars/policy';
import { isOnOffer } from '../cars/statuses';
import type { BookingAction, BookingKind } from './status-rules';

/**
 * Who may see and act on which booking (the booking and role rules). A booking the viewer
 * may not see is NOT_FOUND, like one that does not exist; FORBIDDEN is for an action on a
 * booking the viewer can see but may not take.
 */

/** What the rules need to know about a booking and its car. */
export interface BookingAccessFacts {
  kind: BookingKind;
  customerId: string | null;
  /** The car's owner; null for dealership stock. */
  carOwnerId: string | null;
}

export function bookingNotFound(): AppError {
  return new AppError('NOT_FOUND', 'No such booking.');
}

/**
 * Admin sees all; staff all bookings on stock; a client the bookings they are customer of and
 * the rentals of their own garage cars (a test drive of a stock car they later bought stays on
 * the stock row, so it is not theirs to see).
 */
export function canSeeBooking(viewer: Viewer, booking: BookingAccessFacts): boolean {
  if (viewer.role === 'admin') return true;
  if (viewer.role === 'staff' && booking.carOwnerId === null) return true;
  if (booking.customerId === viewer.id) return true;
  return booking.kind === 'rental' && booking.carOwnerId === viewer.id;
}

export function assertBookingVisible<B extends BookingAccessFacts>(
  viewer: Viewer,
  booking: B | undefined,
): asserts booking is B {
  if (!booking || !canSeeBooking(viewer, booking)) throw bookingNotFound();
}

/** Whoever manages the car's calendar: admin, staff for stock, the owner for their garage car's rentals. */
function managesCar(viewer: Viewer, booking: BookingAccessFacts): boolean {
  if (viewer.role === 'admin') return true;
  if (booking.carOwnerId === null) return isStaff(viewer);
  return booking.kind === 'rental' && booking.carOwnerId === viewer.id;
}

/**
 * Approve, decline and no-show are the showroom's decisions (staff, admin); the owner of a
 * garage car also completes its rentals; cancel and reschedule are open to the customer too.
 */
export function canActOnBooking(viewer: Viewer, booking: BookingAccessFacts, action: BookingAction): boolean {
  switch (action) {
    case 'approve':
    case 'decline':
    case 'noShow':
      return viewer.role === 'admin' || (isStaff(viewer) && booking.carOwnerId === null);
    case 'complete':
      return managesCar(viewer, booking);
    case 'cancel':
    case 'reschedule':
      return managesCar(viewer, booking) || booking.customerId === viewer.id;
  }
}

const actionWords: Record<BookingAction, string> = {
  approve: 'approve',
  decline: 'decline',
  complete: 'complete',
  noShow: 'mark as a no-show',
  cancel: 'cancel',
  reschedule: 'reschedule',
};

export function assertMayActOnBooking(viewer: Viewer, booking: BookingAccessFacts, action: BookingAction): void {
  if (!canActOnBooking(viewer, booking, action)) {
    throw new AppError('FORBIDDEN', `You may not ${actionWords[action]} this booking.`);
  }
}

/** What booking a car needs to know about the car. */
export interface BookableCar extends CarAccessFacts {
  id: string;
}

/**
 * Whether the viewer may book this car for this kind of booking. A garage car that isn't
 * yours is invisible (404); stock you can see but may not rent is 403; stock that is sold
 * or removed takes no new bookings (409).
 */
export function assertMayBookCar<C extends BookableCar>(
  viewer: Viewer,
  car: C | undefined,
  kind: BookingKind,
): asserts car is C {
  if (!car) throw carNotFound();
  if (car.ownerId !== null) {
    if (!canUseGarageCar(viewer, car)) throw carNotFound();
    if (kind === 'test_drive')
      throw new AppError('BAD_REQUEST', 'Test drives are for dealership stock, not garage cars.');
    return;
  }
  if (!canSeeStockCar(viewer, car)) throw carNotFound();
  if (kind === 'rental' && !isStaff(viewer)) {
    throw new AppError('FORBIDDEN', 'Only staff book rentals of dealership stock.');
  }
  assertCarTakesBookings(car);
}

/**
 * Stock that is sold or removed takes no booking time, new or moved (409); a garage car always
 * does. For a booking that stays on its car, whose visibility its booking already settled.
 */
export function assertCarTakesBookings(car: BookableCar): void {
  if (car.ownerId === null && (!car.status || !isOnOffer(car.status))) {
    throw new AppError('CONFLICT', `This car is ${car.status}; only available or reserved stock can be booked.`);
  }
}

/**
 * Who the booking is for. A client books for themselves (naming anyone else is refused);
 * staff name the customer; an owner's rental is theirs unless an admin names someone.
 */
export function bookingCustomer(viewer: Viewer, car: BookableCar, requested: string | undefined): string {
  if (!isStaff(viewer)) {
    if (requested !== undefined && requested !== viewer.id) {
      throw new AppError('FORBIDDEN', 'You can only book for yourself; leave customerId out.', {
        fieldErrors: { customerId: ['You can only book for yourself.'] },
      });
    }
    return viewer.id;
  }
  if (requested !== undefined) return requested;
  if (car.ownerId !== null) return car.ownerId;
  throw new AppError('BAD_REQUEST', 'Name the customer (customerId) this booking is for.', {
    fieldErrors: { customerId: ['Required when staff book.'] },
  });
}
