import type { CarStatus, Database } from '@carhub/db';
import type { Auth } from '../../context';
import { isOnOffer } from '../cars/statuses';
import { futureActiveBookingsOfCar } from './queries';
import { applyTransition } from './run-transition';

/** What the customer of a cancelled booking is told, by the status the car went to. */
const reasons: Partial<Record<CarStatus, string>> = {
  sold: 'The car has been sold.',
  removed: 'The car is no longer on offer.',
};

/**
 * Every path that takes stock off offer (a sale, inventory.update, bulkSetStatus, remove)
 * ends here, in its own transaction: each car now `sold` or `removed` has its pending and
 * approved bookings that start later cancelled through the workflow (audited when staff act,
 * the customer told why). One already under way is left to finish. Call with the cars' rows
 * locked, in id order when there are several (the order bulk updates lock them in).
 */
export async function cancelBookingsOffOffer(
  trx: Database,
  auth: Pick<Auth, 'user'>,
  cars: ReadonlyArray<{ id: string; status: CarStatus | null }>,
  now: Date,
): Promise<number> {
  let cancelled = 0;
  for (const car of [...cars].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (!car.status || isOnOffer(car.status)) continue;
    const reason = reasons[car.status] ?? 'The car is no longer on offer.';
    for (const booking of await futureActiveBookingsOfCar(trx, car.id, now)) {
      await applyTransition(trx, auth, booking, 'cancel', { now, reason });
      cancelled += 1;
    }
  }
  return cancelled;
}
