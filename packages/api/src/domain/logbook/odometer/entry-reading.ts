import type { Database } from '@carhub/db';
import { addReading, changeReading, deleteReading, type ReadingSource } from './queries';
import type { DatedKm } from './reading-order';

/**
 * Keeps the reading a fill-up or a service owns in step with the entry's odometer value:
 * added when the entry gets one, moved when it changes (in order with the other readings, a
 * 400 naming the neighbour otherwise), deleted when the value or the entry goes. Returns the
 * reading id the entry should now hold. Call with the car row locked.
 */
export async function syncEntryReading(
  db: Database,
  carId: string,
  readingId: string | null,
  next: DatedKm | null,
  source: Extract<ReadingSource, 'fuel' | 'service'>,
): Promise<string | null> {
  if (next === null) {
    if (readingId) await deleteReading(db, carId, readingId);
    return null;
  }
  if (readingId) {
    await changeReading(db, carId, readingId, next, 'odometerKm');
    return readingId;
  }
  const reading = await addReading(db, { carId, at: next.at, km: next.km, source }, 'odometerKm');
  return reading.id;
}
