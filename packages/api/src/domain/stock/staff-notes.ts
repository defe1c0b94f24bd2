import { isStaff, type Viewer } from '../auth/principal';
import type { CarOutput } from '../cars/schemas';

/**
 * A stock car's `notes` are the dealership's own (condition, haggling room, the last
 * customer's remarks): staff and admins read them, the public catalogue carries `notes: null`.
 * Every answer that shows stock to someone who may not be staff goes through here.
 */
export function withStaffNotesFor<C extends Pick<CarOutput, 'notes' | 'ownerId'>>(viewer: Viewer | null, car: C): C {
  return isStaff(viewer) || car.ownerId !== null ? car : { ...car, notes: null };
}
