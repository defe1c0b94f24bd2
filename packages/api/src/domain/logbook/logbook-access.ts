import type { Database } from '@carhub/db';
import { AppError } from '../../errors';
import type { ApiSettings } from '../../settings';
import type { Viewer } from '../auth/principal';
import { assertCarEditable } from '../cars/policy';
import { type CarRecord, findCar } from '../cars/queries';
import { localDate } from '../showroom/showroom-time';

/**
 * The car a logbook call names, if the viewer may keep its logbook: the owner or an admin for
 * a garage car, staff and admin for stock (assertCarEditable: another user's car is not
 * found). `lock` takes the car's row for a change, so changes to one car's logbook (and its
 * mileage) queue one after another.
 */
export async function logbookCar(
  db: Database,
  viewer: Viewer,
  carId: string,
  options: { lock?: boolean } = {},
): Promise<CarRecord> {
  const car = await findCar(db, carId, options.lock ? { forNoKeyUpdate: true } : {});
  assertCarEditable(viewer, car);
  return car;
}

/** Today in the showroom's zone, by the settings' clock (tests inject it). */
export function logbookToday(settings: Pick<ApiSettings, 'now' | 'showroomTimeZone'>): string {
  return localDate(settings.now(), settings.showroomTimeZone);
}

/** A logbook date may be today or earlier: an odometer can't be read in the future. */
export function assertNotInFuture(at: string, today: string, field = 'at'): void {
  if (at > today) {
    const message = `${field} can't be in the future (today is ${today}).`;
    throw new AppError('BAD_REQUEST', message, { fieldErrors: { [field]: [message] } });
  }
}
