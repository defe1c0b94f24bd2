import type { CarStatus } from '@carhub/db';
import { AppError } from '../../errors';
import { isStaff, type Viewer } from '../auth/principal';
import { carStatuses, publicStockStatuses } from './statuses';

/**
 * Who may see and change which car: the resource rules of each role, in one
 * place. A car the viewer may not see is NOT_FOUND, exactly like a car that does not exist,
 * so an id tells nothing about other people's cars; FORBIDDEN is only for an action on a car
 * the viewer can see (or a whole kind of action, like a client writing stock).
 */

/** What the rules need to know about a car. */
export interface CarAccessFacts {
  ownerId: string | null;
  status: CarStatus | null;
}

export function carNotFound(): AppError {
  return new AppError('NOT_FOUND', 'No such car.');
}

/**
 * cars.* addresses garage cars: the owner's own, and any garage car for an admin. Staff reach
 * stock through inventory.*, and nobody reaches stock through cars.*.
 */
export function canUseGarageCar(viewer: Viewer, car: CarAccessFacts): boolean {
  if (car.ownerId === null) return false;
  return car.ownerId === viewer.id || viewer.role === 'admin';
}

/**
 * `garageOwnerId`: the garage the request names (admin.users.cars.*); a car of another garage
 * is then not found, even for an admin who could reach it through cars.*.
 */
export function assertGarageCarAccess<C extends CarAccessFacts>(
  viewer: Viewer,
  car: C | undefined,
  garageOwnerId?: string,
): asserts car is C {
  if (!car || !canUseGarageCar(viewer, car)) throw carNotFound();
  if (garageOwnerId !== undefined && car.ownerId !== garageOwnerId) throw carNotFound();
}

export function visibleStockStatuses(viewer: Viewer | null): readonly CarStatus[] {
  return isStaff(viewer) ? carStatuses : publicStockStatuses;
}

/**
 * The statuses a catalogue list may return: those asked for, among those the viewer may see.
 * A member of the public filtering on `sold` gets an empty list, as if none existed.
 */
export function catalogueStatuses(viewer: Viewer | null, requested: CarStatus | undefined): readonly CarStatus[] {
  const visible = visibleStockStatuses(viewer);
  if (requested === undefined) return visible;
  return visible.includes(requested) ? [requested] : [];
}

/** inventory.get and the stock a staff action addresses: a garage car is not stock, so not found. */
export function canSeeStockCar(viewer: Viewer | null, car: CarAccessFacts): boolean {
  return car.ownerId === null && car.status !== null && visibleStockStatuses(viewer).includes(car.status);
}

export function assertStockCarVisible<C extends CarAccessFacts>(
  viewer: Viewer | null,
  car: C | undefined,
): asserts car is C {
  if (!car || !canSeeStockCar(viewer, car)) throw carNotFound();
}

/**
 * Writing stock is staff work. staffProcedure already refuses others; plain routes that call
 * the queries directly check here.
 */
export function assertCanManageStock(viewer: Viewer | null): asserts viewer is Viewer {
  if (!viewer) throw new AppError('UNAUTHORIZED', 'Sign in to do this.');
  if (!isStaff(viewer)) throw new AppError('FORBIDDEN', 'Only staff can change stock.');
}

/**
 * Changing a car's own things (its photos): the owner or an admin for a garage car, staff and
 * admin for stock. A client sees catalogue stock, so for them stock is FORBIDDEN, not NOT_FOUND;
 * a garage car they don't own (and any garage car for staff) stays NOT_FOUND.
 */
export function assertCarEditable<C extends CarAccessFacts>(viewer: Viewer, car: C | undefined): asserts car is C {
  if (car?.ownerId === null) {
    assertStockCarVisible(viewer, car);
    assertCanManageStock(viewer);
    return;
  }
  assertGarageCarAccess(viewer, car);
}
