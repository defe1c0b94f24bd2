import type { Database } from '@carhub/db';
import { AppError } from '../../errors';
import { bufferProblem, type Interval, type ShowroomRules } from '../showroom/rules';
import { heldIntervals } from './queries';

/** The showroom's buffer is kept between bookings of its stock; a garage car's calendar is its owner's. */
export function bufferMinutesFor(car: { ownerId: string | null }, showroom: ShowroomRules): number {
  return car.ownerId === null ? showroom.bufferMinutes : 0;
}

/**
 * Refuses (400, saying why) a time that comes closer than the buffer to another booking of
 * the car. Call with the car's calendar locked (lockCarCalendar), so the answer still holds
 * at the insert; the exclusion constraint over the padded range holds it regardless.
 */
export async function assertBufferClear(
  trx: Database,
  carId: string,
  interval: Interval,
  bufferMinutes: number,
  excludeId?: string,
): Promise<void> {
  const others = await heldIntervals(trx, carId, {
    from: interval.startAt,
    to: interval.endAt,
    marginMinutes: bufferMinutes,
    excludeId,
  });
  const problem = bufferProblem(interval, others, bufferMinutes);
  if (problem) throw new AppError('BAD_REQUEST', problem, { fieldErrors: { startAt: [problem] } });
}
